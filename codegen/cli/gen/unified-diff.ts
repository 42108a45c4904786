/**
 * A minimal unified diff (as `diff -u` prints it) for `gen --check`. Generated files are small, so a
 * plain LCS table is fast enough; very large files fall back to whole-file replacement.
 */

const CONTEXT = 3;
// Above this many line pairs the LCS table would be too large; the diff then replaces the whole file.
const MAX_CELLS = 4_000_000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** The unified diff turning `before` into `after`, with `a/` and `b/` headers; '' when equal. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  if (before === after) return '';
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  const ops = a.length * b.length > MAX_CELLS ? replaceAll(a, b) : diffLines(a, b);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  return header + hunks(ops).join('');
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function replaceAll(a: readonly string[], b: readonly string[]): Op[] {
  return [
    ...a.map((line) => ({ kind: '-' as const, line })),
    ...b.map((line) => ({ kind: '+' as const, line })),
  ];
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)
      ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++]! });
  while (j < m) ops.push({ kind: '+', line: b[j++]! });
  return ops;
}

// Groups changes with up to CONTEXT lines around them into `@@ -a,b +c,d @@` hunks.
function hunks(ops: readonly Op[]): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend while the next change is within 2 * CONTEXT unchanged lines.
    for (let gap = 0; end < ops.length && gap <= 2 * CONTEXT; end++)
      gap = ops[end]!.kind === ' ' ? gap + 1 : 0;
    end = Math.min(ops.length, end);
    while (end > k && ops[end - 1]!.kind === ' ' && trailing(ops, k, end) > CONTEXT) end--;
    let oldLine = 1;
    let newLine = 1;
    for (let x = 0; x < start; x++) {
      if (ops[x]!.kind !== '+') oldLine++;
      if (ops[x]!.kind !== '-') newLine++;
    }
    const slice = ops.slice(start, end);
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    out.push(
      `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@\n`,
    );
    for (const op of slice) out.push(`${op.kind}${op.line}\n`);
    k = end;
  }
  return out;
}

function trailing(ops: readonly Op[], from: number, end: number): number {
  let count = 0;
  for (let x = end - 1; x >= from && ops[x]!.kind === ' '; x--) count++;
  return count;
}
