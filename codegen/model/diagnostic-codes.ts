/**
 * The catalog of every generator diagnostic: stable code, severity, message template and hint.
 *
 * `WC1xxx` codes come from extraction (one schema construct), `WC2xxx` from model-level lint rules,
 * `WC9xxx` from the environment (files, tsconfig). Templates use `{name}` placeholders. This table is
 * the single source for `docs/error-codes.md`; codes are never reused or renumbered.
 */

/** One entry of the catalog. */
export interface DiagnosticCodeInfo {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** A short title for docs tables. */
  readonly title: string;
  /** Message template with `{placeholders}`. */
  readonly message: string;
  /** Hint template with `{placeholders}`. */
  readonly hint: string;
}

/** Every diagnostic code the generator can produce, keyed by a readable name. */
export const diagnosticCodes = {
  unresolvedType: {
    code: 'WC1001',
    severity: 'error',
    title: 'Unresolved type',
    message: "Type '{type}' could not be resolved.",
    hint: 'Check the import and the spelling; only types TypeScript itself can resolve are usable in schemas.',
  },
  anyType: {
    code: 'WC1002',
    severity: 'error',
    title: '`any` in a schema',
    message: "'any' cannot be validated{where}.",
    hint: "Declare the real type, or 'unknown' to accept any JSON value explicitly.",
  },
  functionType: {
    code: 'WC1003',
    severity: 'error',
    title: 'Function type in a payload',
    message: "Function type '{type}' cannot travel over WAMP.",
    hint: 'Payloads are data: remove the function, or declare a procedure for it.',
  },
  classType: {
    code: 'WC1004',
    severity: 'error',
    title: 'Class type in a payload',
    message: "Class '{type}' cannot be validated as data.",
    hint: 'Declare the data shape as an interface or a type alias.',
  },
  symbolType: {
    code: 'WC1005',
    severity: 'error',
    title: 'Symbol in a payload',
    message: "Symbol type '{type}' cannot be serialized.",
    hint: 'Use a string literal or a string union instead.',
  },
  bigintType: {
    code: 'WC1006',
    severity: 'error',
    title: 'bigint in a payload',
    message: "'{type}' cannot be serialized portably (JSON has no bigint).",
    hint: 'Send it as a decimal string (e.g. a branded string) or as a number when it fits in 53 bits.',
  },
  objectKeyword: {
    code: 'WC1007',
    severity: 'error',
    title: '`object` in a schema',
    message: "'object' says nothing a validator can check.",
    hint: "Declare the properties, use Record<string, T> for a map, or 'unknown' for any value.",
  },
  unresolvableType: {
    code: 'WC1008',
    severity: 'error',
    title: 'Type the checker cannot resolve to a shape',
    message: "Type '{type}' does not resolve to a concrete shape ({reason}).",
    hint: 'Conditional, indexed and mapped types must resolve to concrete types where they are used.',
  },
  unsupportedBuiltin: {
    code: 'WC1009',
    severity: 'error',
    title: 'Unsupported built-in type',
    message: "Built-in type '{type}' has no WAMP wire form.",
    hint: 'Use an array for Set, Record<string, V> or an array of pairs for Map; Uint8Array and Date are supported.',
  },
  promiseInPayload: {
    code: 'WC1010',
    severity: 'error',
    title: 'Promise inside a payload',
    message: "'{type}' is a Promise inside a payload.",
    hint: 'Only a procedure result may be a Promise (it is unwrapped); payload values are plain data.',
  },
  neverType: {
    code: 'WC1011',
    severity: 'error',
    title: '`never` in a payload',
    message: "Type '{type}' is 'never': no value can be sent.",
    hint: 'Check for an intersection of incompatible types, such as string & number.',
  },
  unsupportedType: {
    code: 'WC1012',
    severity: 'error',
    title: 'Unsupported type',
    message: "Type '{type}' is not supported in schemas ({reason}).",
    hint: 'See docs/schema-language.md in the wamp-contracts package (node_modules/wamp-contracts/docs/) for the supported constructs.',
  },
  nonLiteralPrefix: {
    code: 'WC1013',
    severity: 'error',
    title: 'Prefix is not a string literal',
    message: "The prefix of '{name}' must be a string literal type, got '{type}'.",
    hint: "Write the prefix inline: interface X extends Service<'com.example.x'>.",
  },
  optionalBeforeRequired: {
    code: 'WC1014',
    severity: 'error',
    title: 'Optional parameter before a required one',
    message: "Parameter '{name}' of '{procedure}' is optional but a required parameter follows it.",
    hint: 'Positional arguments can only be omitted from the end: move optional parameters last.',
  },
  kwargsShape: {
    code: 'WC1015',
    severity: 'error',
    title: '`@kwargs` needs one object',
    message: "'{name}' is marked @kwargs but {reason}.",
    hint: '@kwargs sends one object as ArgumentsKw: give the procedure exactly one object parameter (or the topic an object payload).',
  },
  unknownTag: {
    code: 'WC1016',
    severity: 'error',
    title: 'Unknown JSDoc tag',
    message: "Unknown tag '@{tag}'.",
    hint: 'Supported: @minimum @maximum @minLength @maxLength @pattern @format @int @default @deprecated @uri @kwargs @throws @param, plus @example @see @remarks @since @returns.',
  },
  tagTypeMismatch: {
    code: 'WC1017',
    severity: 'error',
    title: 'Constraint tag does not fit the type',
    message: "'@{tag}' does not apply to a value of type '{type}'.",
    hint: '@minimum/@maximum/@int apply to numbers, @minLength/@maxLength to strings and arrays, @pattern/@format to strings.',
  },
  invalidTagValue: {
    code: 'WC1018',
    severity: 'error',
    title: 'Invalid tag value',
    message: "'@{tag}' has an invalid value '{value}': {reason}.",
    hint: 'Numbers are JSON numbers, @pattern is a JavaScript regular expression source, @default is JSON.',
  },
  misplacedTag: {
    code: 'WC1019',
    severity: 'error',
    title: 'Tag not allowed here',
    message: "'@{tag}' is not allowed on {where}.",
    hint: '@uri and @kwargs belong on procedures and topics, @throws on procedures, constraints on properties, parameters and type aliases.',
  },
  unknownThrows: {
    code: 'WC1020',
    severity: 'error',
    title: '`@throws` names no error type',
    message: "'@throws {name}' on '{procedure}' does not name a type in scope.",
    hint: "Declare (or import) it as: type {name} = WampError<'uri', Payload>.",
  },
  throwsNotError: {
    code: 'WC1021',
    severity: 'error',
    title: '`@throws` names a type that is not a WampError',
    message: "'@throws {name}' on '{procedure}' names a type that is not a WampError.",
    hint: "Declare it as: type {name} = WampError<'uri', Payload>.",
  },
  nonLiteralErrorUri: {
    code: 'WC1022',
    severity: 'error',
    title: 'Error URI is not a string literal',
    message: "The URI of error '{name}' must be a string literal type, got '{type}'.",
    hint: "Write it inline: type {name} = WampError<'com.example.error_name'>.",
  },
  serviceMemberNotMethod: {
    code: 'WC1023',
    severity: 'error',
    title: 'Service member is not a method',
    message: "Member '{name}' of service '{service}' is not a method signature.",
    hint: 'Declare procedures as methods: name(arg: T): R;',
  },
  topicMemberNotProperty: {
    code: 'WC1024',
    severity: 'error',
    title: 'Topics member is not a property',
    message: "Member '{name}' of topics '{topics}' is {reason}.",
    hint: 'Declare each topic as a required property whose type is the event payload: name: Payload;',
  },
  misplacedProgress: {
    code: 'WC1025',
    severity: 'error',
    title: '`Progress` outside a procedure result',
    message: 'Progress<Chunk, Result> is only allowed as the return type of a procedure.',
    hint: 'Return Progress<Chunk, Result> from the method; do not nest it in payloads.',
  },
  unsupportedParameter: {
    code: 'WC1026',
    severity: 'error',
    title: 'Unsupported parameter form',
    message: "Parameter {name} of '{procedure}' {reason}.",
    hint: 'Parameters are named, typed and positional: name: T or name?: T (no rest, no destructuring, no `this`).',
  },
  genericMember: {
    code: 'WC1027',
    severity: 'error',
    title: 'Generic procedure or contract',
    message: "'{name}' declares type parameters; contracts and procedures must be concrete.",
    hint: 'Move the generic part into a named generic type and instantiate it in the signature.',
  },
  missingTypeAnnotation: {
    code: 'WC1028',
    severity: 'error',
    title: 'Missing type annotation',
    message: "{what} '{name}' has no type annotation.",
    hint: 'Annotate it explicitly; implicit types are any.',
  },
  numberKeys: {
    code: 'WC1029',
    severity: 'error',
    title: 'Numeric index signature',
    message: "Index signature with '{type}' keys cannot travel as a JSON object.",
    hint: 'Use string keys (Record<string, V>) or an array.',
  },
  overloadedMethod: {
    code: 'WC1030',
    severity: 'error',
    title: 'Overloaded procedure',
    message: "Procedure '{name}' has {count} signatures; one URI has one signature.",
    hint: 'Give each variant its own method (and URI), or use a union parameter.',
  },
  conflictingContract: {
    code: 'WC1031',
    severity: 'error',
    title: 'Interface is both a service and topics',
    message: "'{name}' extends both Service and Topics.",
    hint: 'Declare procedures and topics in two interfaces.',
  },
  voidInPayload: {
    code: 'WC1032',
    severity: 'error',
    title: '`void` in a payload',
    message: "'void' is only allowed as a procedure result.",
    hint: "Use 'undefined' or 'null' for an absent value, or make the property optional.",
  },
  mixedIndexSignature: {
    code: 'WC1033',
    severity: 'warning',
    title: 'Properties next to an index signature',
    message: "'{type}' has both properties and an index signature; it becomes an intersection of both.",
    hint: 'Move the map into its own property if the properties do not all match the index value type.',
  },
  unexportedContract: {
    code: 'WC1034',
    severity: 'error',
    title: 'Contract declaration is not exported',
    message: "'{name}' is a {what} but is not exported.",
    hint: 'Export it so that generated code and other schema files can refer to it.',
  },
  syntaxError: {
    code: 'WC1035',
    severity: 'error',
    title: 'TypeScript syntax error',
    message: 'Syntax error: {text}',
    hint: 'Fix the syntax first; `tsc --noEmit` shows every TypeScript error.',
  },
  optionalProcedure: {
    code: 'WC1036',
    severity: 'error',
    title: 'Optional procedure',
    message: "Procedure '{name}' is optional, but every procedure of a service is registered and callable.",
    hint: 'Remove the `?`, or move the procedure to a service of its own.',
  },
  unresolvedImport: {
    code: 'WC1037',
    severity: 'error',
    title: 'Import not found',
    message: "Module '{specifier}' could not be resolved; nothing else in this file was extracted.",
    hint: '{cause} Modules resolve as tsc resolves them with your tsconfig.',
  },
  strayTag: {
    code: 'WC1038',
    severity: 'error',
    title: 'JSDoc tag belongs to no member',
    message:
      "'@{tag}' is in a JSDoc comment that precedes no property or parameter, so it would apply to nothing.",
    hint: "Write the comment on its own line directly before the member it is about (formatters such as biome move a same-line comment behind the previous member's type, where it belongs to nothing).",
  },
  misplacedStream: {
    code: 'WC1050',
    severity: 'error',
    title: '`Stream` outside a procedure parameter',
    message:
      'Stream<Chunk> is only allowed as the type of a procedure parameter, not inside a payload, result, topic or error.',
    hint: 'Declare the stream as the last parameter of the procedure: upload(name: string, data: Stream<Chunk>).',
  },
  multipleStreams: {
    code: 'WC1051',
    severity: 'error',
    title: 'More than one `Stream` parameter',
    message: "Procedure '{procedure}' has more than one Stream parameter ('{name}' is the second).",
    hint: 'A call carries one stream of chunks: merge the streams into one Stream of a union of chunk types.',
  },
  streamPosition: {
    code: 'WC1052',
    severity: 'error',
    title: '`Stream` parameter not last or optional',
    message: "Stream parameter '{name}' of '{procedure}' {reason}.",
    hint: 'Make the Stream parameter the last one and required (an empty iterable is an empty stream).',
  },
  streamWithKwargs: {
    code: 'WC1053',
    severity: 'error',
    title: '`Stream` with `@kwargs`',
    message: "Procedure '{procedure}' is marked @kwargs and has a Stream parameter.",
    hint: 'Remove @kwargs: the other parameters of a streaming procedure travel as positional Arguments of the first CALL.',
  },
  streamChunkType: {
    code: 'WC1054',
    severity: 'error',
    title: 'Chunk type that cannot travel',
    message: "The chunk type of Stream parameter '{name}' of '{procedure}' {reason}.",
    hint: 'Every chunk is Arguments[0] of one CALL, which cannot carry an absent value: use a type without void or undefined (null is fine).',
  },
  malformedUriTemplate: {
    code: 'WC1060',
    severity: 'error',
    title: 'Malformed URI template',
    message: "URI template '{template}' of {what} '{name}' is malformed: {reason}.",
    hint: "Write each component as a whole URI component after fixed text, e.g. '@uri com.example.chat.room.{roomId}.message'.",
  },
  untypedUriComponent: {
    code: 'WC1061',
    severity: 'error',
    title: 'URI component without a type',
    message: "URI component '{component}' of {what} '{name}' has no declared type.",
    hint: "Declare a parameter named '{component}' with its type; a topic with components is declared as a method, e.g. `message({component}: string): Payload`.",
  },
  badUriComponentType: {
    code: 'WC1062',
    severity: 'error',
    title: 'Type cannot be a URI component',
    message:
      "URI component '{component}' of {what} '{name}' has type '{type}', which cannot be a URI component: {reason}.",
    hint: 'Use string, a string literal union, a branded string, a template literal type, or number (an integer).',
  },
  duplicateUriComponent: {
    code: 'WC1063',
    severity: 'error',
    title: 'Duplicate URI component',
    message: "URI template '{template}' of {what} '{name}' names component '{component}' more than once.",
    hint: 'Give each component its own name (and its own parameter).',
  },
  uriComponentParameter: {
    code: 'WC1064',
    severity: 'error',
    title: 'URI component parameter out of place',
    message: "Parameter '{param}' of {what} '{name}' is a URI component, but {reason}.",
    hint: 'Component parameters come first, are required, and follow the order of the template.',
  },
  tsconfigError: {
    code: 'WC9001',
    severity: 'error',
    title: 'tsconfig could not be read',
    message: "tsconfig '{file}' could not be read: {reason}.",
    hint: 'Pass a valid --tsconfig path, or omit it to use the defaults.',
  },
  fileNotFound: {
    code: 'WC9002',
    severity: 'error',
    title: 'Schema file not found',
    message: "Schema file '{file}' does not exist.",
    hint: 'Check the schema glob or path relative to the project root.',
  },
  libNotFound: {
    code: 'WC9003',
    severity: 'error',
    title: "TypeScript's libs not found",
    message: "lib 'typescript' was requested but the package 'typescript' cannot be resolved from '{root}'.",
    hint: "Install typescript in the project, or use the built-in schema library (lib: 'schema').",
  },
  duplicateUri: {
    code: 'WC2001',
    severity: 'error',
    title: 'Duplicate URI',
    message: "URI '{uri}' of {what} '{name}' is already used by '{other}' ({otherFile}).",
    hint: 'Give one of them another name or an explicit @uri.',
  },
  reservedUri: {
    code: 'WC2002',
    severity: 'error',
    title: 'Reserved `wamp.` URI',
    message: "URI '{uri}' of {what} '{name}' starts with 'wamp.', which is reserved for the protocol.",
    hint: 'Use a reverse-domain prefix you own, e.g. com.example.',
  },
  invalidUri: {
    code: 'WC2003',
    severity: 'error',
    title: 'Invalid URI',
    message:
      "URI '{uri}' of {what} '{name}' breaks the WAMP URI rule (no whitespace, no '#', no empty component).",
    hint: "Use dot-separated non-empty components, e.g. 'com.example.get_forecast'.",
  },
  nonStrictUri: {
    code: 'WC2004',
    severity: 'warning',
    title: 'URI breaks the strict rule',
    message: "URI '{uri}' of {what} '{name}' is not strict (only [0-9a-z_] per component).",
    hint: "Peers in other languages expect strict URIs: use @uri, or the 'snake_case' naming rule.",
  },
  emptyContract: {
    code: 'WC2005',
    severity: 'warning',
    title: 'Empty service or topics',
    message: "{what} '{name}' declares no members.",
    hint: 'Add members, or delete the declaration.',
  },
  unusedError: {
    code: 'WC2006',
    severity: 'warning',
    title: 'Unused error type',
    message: "Error '{name}' is not listed in any procedure's @throws.",
    hint: 'Add @throws {name} to the procedures that raise it, or delete it.',
  },
  uriTemplateCollision: {
    code: 'WC2050',
    severity: 'error',
    title: 'URI template collides with another URI',
    message: "URI '{uri}' of {what} '{name}' can name the same URI as '{other}' ({otherUri}, {otherFile}).",
    hint: 'A concrete URI must belong to one contract member: change a fixed part of one of them.',
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

/** The readable name of a catalog entry. */
export type DiagnosticCodeName = keyof typeof diagnosticCodes;

/** The catalog as a list sorted by code, for rendering docs tables. */
export function listDiagnosticCodes(): DiagnosticCodeInfo[] {
  return Object.values(diagnosticCodes as Record<string, DiagnosticCodeInfo>).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}
