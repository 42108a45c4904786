/**
 * The anchor's setup, for a same-run ratio: a ts-morph Project with TypeScript's default libs that
 * type-checks the synthetic schemas (resolving every property of every interface), in a fresh process.
 * Usage: node baseline.mjs <root> <fileCount>. Prints `{ totalMs, cpuMs }`.
 */
import { Project, ts } from 'ts-morph';

const [root = '.', countText = '0'] = process.argv.slice(2);
const files = [
  'schemas/common.ts',
  ...Array.from({ length: Number(countText) }, (_, i) => `schemas/service-${i}.ts`),
];
const project = new Project({
  compilerOptions: {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
  },
});
for (const file of files) project.addSourceFileAtPath(`${root}/${file}`);
const checker = project.getProgram().compilerObject.getTypeChecker();
let properties = 0;
for (const source of project.getSourceFiles()) {
  for (const statement of source.compilerNode.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const type = checker.getTypeAtLocation(statement.name);
    for (const property of checker.getPropertiesOfType(type)) {
      checker.getTypeOfSymbol(property);
      properties++;
    }
  }
}
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ totalMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000, properties })}\n`,
);
