import { writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

// docs/pulumi.md, the reference of `paved/pulumi`, generated from the TSDoc of what
// src/pulumi/index.ts exports. jsii-docgen writes API.md from the jsii assembly, which does not
// hold paved/pulumi (plain TypeScript over non-jsii libraries), so this reads the sources with the
// TypeScript compiler instead. `npx projen docgen:pulumi` rewrites the file; a test holds it current.

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'src', 'pulumi', 'index.ts');
export const REFERENCE = join(ROOT, 'docs', 'pulumi.md');

/** The TSDoc text of a declaration, its tags (`@default`, `@param`) set apart. */
function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): { text: string; tags: Map<string, string[]> } {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = new Map<string, string[]>();
  for (const tag of symbol.getJsDocTags(checker)) {
    const value = ts.displayPartsToString(tag.text).trim();
    tags.set(tag.name, [...(tags.get(tag.name) ?? []), value]);
  }
  return { text, tags };
}

/** Whether `symbol` carries `flag` (the compiler's flags are a bit set). */
function hasFlag(symbol: ts.Symbol, flag: ts.SymbolFlags): boolean {
  // eslint-disable-next-line no-bitwise
  return (symbol.flags & flag) !== 0;
}

/** One line for a table cell: Markdown tables hold no line breaks or bare pipes. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function typeText(node: ts.Node | undefined, checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const declared = node && (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) ? node.type : undefined;
  return declared ? declared.getText() : checker.typeToString(checker.getTypeOfSymbol(symbol));
}

function members(symbol: ts.Symbol, checker: ts.TypeChecker, lines: string[]): void {
  const props: string[] = [];
  const methods: string[] = [];
  for (const member of symbol.members ? [...symbol.members.values()] : []) {
    const declaration = member.declarations?.[0];
    if (declaration === undefined) continue;
    const modifiers = ts.canHaveModifiers(declaration) ? ts.getModifiers(declaration) ?? [] : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
    const { text, tags } = docOf(member, checker);
    if (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isGetAccessor(declaration)) {
      const optional = hasFlag(member, ts.SymbolFlags.Optional) ? '?' : '';
      const readonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) ? 'readonly ' : '';
      const dflt = tags.get('default')?.[0]?.replace(/^- /, '');
      props.push(`| \`${readonly}${member.name}${optional}\` | \`${cell(typeText(declaration, checker, member))}\` | ${cell(text)}${dflt === undefined ? '' : ` Default: ${cell(dflt)}.`} |`);
    } else if (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) {
      const signature = checker.getSignatureFromDeclaration(declaration);
      const written = signature ? checker.signatureToString(signature) : '';
      const params = (tags.get('param') ?? []).map((p) => `  - ${p.replace(/^(\S+)\s*/, '`$1` ')}`);
      methods.push(`- \`${member.name}${written}\`${text ? `: ${text}` : ''}`, ...params);
    }
  }
  if (props.length > 0) lines.push('| Property | Type | Description |', '| --- | --- | --- |', ...props, '');
  if (methods.length > 0) lines.push('Methods:', '', ...methods, '');
}

/** The Markdown reference of every export of `paved/pulumi`, in the order index.ts exports them. */
export function pulumiReference(): string {
  const program = ts.createProgram([ENTRY], { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true, paths: { paved: [join(ROOT, 'src', 'index.ts')] }, baseUrl: ROOT });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  const lines = [
    '# `paved/pulumi` reference',
    '',
    '<!-- Generated from the TSDoc of src/pulumi by `npx projen docgen:pulumi` (test/docs/pulumi-reference.ts); do not edit. -->',
    '',
    'The cloud side of Paved: plain TypeScript over `@pulumi/pulumi`, `@pulumi/aws` and `@pulumi/random`, which a',
    'Pulumi program installs beside `paved`. It is not a jsii module, so it is not in [API.md](../API.md).',
    '',
  ];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = hasFlag(exported, ts.SymbolFlags.Alias) ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (declaration === undefined) continue;
    const { text, tags } = docOf(symbol, checker);
    if (ts.isClassDeclaration(declaration)) {
      lines.push(`## class \`${exported.name}\``, '', text, '');
      const ctor = declaration.members.find(ts.isConstructorDeclaration);
      if (ctor) lines.push('```ts', `new ${exported.name}(${ctor.parameters.map((p) => p.getText().replace(/\s*=\s*[^,]+$/, '?')).join(', ')})`, '```', '');
      members(symbol, checker, lines);
    } else if (ts.isInterfaceDeclaration(declaration)) {
      lines.push(`## interface \`${exported.name}\``, '', text, '');
      members(symbol, checker, lines);
    } else if (ts.isFunctionDeclaration(declaration)) {
      const signature = checker.getSignatureFromDeclaration(declaration)!;
      lines.push(`## function \`${exported.name}\``, '', '```ts', `${exported.name}${checker.signatureToString(signature)}`, '```', '', text, '');
      for (const p of tags.get('param') ?? []) lines.push(`- ${p.replace(/^(\S+)\s*/, '`$1` ')}`);
      if (tags.has('param')) lines.push('');
    } else {
      lines.push(`## const \`${exported.name}\``, '', '```ts', `${exported.name}: ${checker.typeToString(checker.getTypeOfSymbol(symbol))}`, '```', '', text, '');
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (require.main === module) {
  writeFileSync(REFERENCE, pulumiReference());
  console.error(`paved: wrote ${REFERENCE}`);
}
