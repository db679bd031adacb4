// A PromQL shape check for generated expressions: a tokenizer and a recursive-descent parser for
// the subset Paved writes (selectors, range vectors, function calls, aggregations with `by`,
// binary operators with `and`), strict enough that an unbalanced bracket, an unknown function, a
// malformed matcher or a bad duration fails. It also returns every vector selector it read, so
// tests can check that each one is scoped to its service.

const FUNCTIONS = new Set(['rate', 'increase', 'histogram_quantile', 'abs', 'clamp_min', 'clamp_max', 'vector', 'time']);
/** Vector matching after a binary operator: `on (a, b)`, `ignoring (a)`, then `group_left (c)` or `group_right ()`. */
const MATCHING = new Set(['on', 'ignoring']);
const GROUPING = new Set(['group_left', 'group_right']);
const AGGREGATIONS = new Set(['sum', 'avg', 'max', 'min', 'count']);
const BINARY = new Set(['+', '-', '*', '/', '>', '<', '>=', '<=', '==', '!=', 'and', 'or', 'unless']);

interface Token { readonly type: 'ident' | 'number' | 'string' | 'duration' | 'op' | 'punct'; readonly text: string }

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const patterns: Array<[Token['type'], RegExp]> = [
    ['duration', /^\[(\d+(ms|s|m|h|d|w|y))+\]/],
    ['string', /^"(?:[^"\\]|\\.)*"/],
    ['number', /^\d+(\.\d+)?(e[+-]?\d+)?/i],
    ['ident', /^[a-zA-Z_:][a-zA-Z0-9_:]*/],
    ['op', /^(>=|<=|==|!=|=~|!~|[+\-*/><=])/],
    ['punct', /^[(){},]/],
  ];
  let rest = expr.trim();
  while (rest.length > 0) {
    const match = patterns.map(([type, re]) => [type, re.exec(rest)] as const).find(([, m]) => m);
    if (!match) throw new Error(`PromQL: unexpected ${JSON.stringify(rest.slice(0, 20))} in ${expr}`);
    tokens.push({ type: match[0], text: match[1]![0] });
    rest = rest.slice(match[1]![0].length).trimStart();
  }
  return tokens;
}

/** Parses `expr` as PromQL of the shape Paved writes; returns every selector's label matchers. */
export function parsePromql(expr: string): Array<{ metric: string; matchers: { [label: string]: string } }> {
  const tokens = tokenize(expr);
  const selectors: Array<{ metric: string; matchers: { [label: string]: string } }> = [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new Error(`PromQL: unexpected end of ${expr}`);
    return t;
  };
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new Error(`PromQL: expected ${text}, found ${t.text} in ${expr}`);
  };

  const matchers = (): { [label: string]: string } => {
    const found: { [label: string]: string } = {};
    expect('{');
    while (peek()?.text !== '}') {
      const label = next();
      if (label.type !== 'ident') throw new Error(`PromQL: bad label ${label.text} in ${expr}`);
      const op = next();
      if (!['=', '!=', '=~', '!~'].includes(op.text)) throw new Error(`PromQL: bad matcher ${op.text} in ${expr}`);
      const value = next();
      if (value.type !== 'string') throw new Error(`PromQL: label value must be a string in ${expr}`);
      found[label.text] = `${op.text === '=' ? '' : op.text}${JSON.parse(value.text)}`;
      if (peek()?.text === ',') next();
    }
    expect('}');
    return found;
  };

  const labelList = (): void => {
    expect('(');
    while (peek()?.text !== ')') { if (next().type !== 'ident') throw new Error(`PromQL: bad label list in ${expr}`); if (peek()?.text === ',') next(); }
    expect(')');
  };

  const primary = (): void => {
    const t = next();
    if (t.type === 'number') return;
    if (t.text === '(') {
      expression();
      expect(')');
      return;
    }
    if (t.type !== 'ident') throw new Error(`PromQL: unexpected ${t.text} in ${expr}`);
    if (AGGREGATIONS.has(t.text)) {
      if (peek()?.text === 'by') {
        next();
        expect('(');
        while (peek()?.text !== ')') { if (next().type !== 'ident') throw new Error(`PromQL: bad grouping in ${expr}`); if (peek()?.text === ',') next(); }
        expect(')');
      }
      expect('(');
      expression();
      expect(')');
      return;
    }
    if (FUNCTIONS.has(t.text)) {
      expect('(');
      // time() takes no argument.
      if (peek()?.text === ')') { next(); return; }
      expression();
      while (peek()?.text === ',') { next(); expression(); }
      expect(')');
      return;
    }
    if (peek()?.text === '(') throw new Error(`PromQL: unknown function ${t.text} in ${expr}`);
    selectors.push({ metric: t.text, matchers: peek()?.text === '{' ? matchers() : {} });
    if (peek()?.type === 'duration') next();
  };

  const expression = (): void => {
    primary();
    while (peek() && (BINARY.has(peek()!.text))) {
      next();
      for (const modifiers of [MATCHING, GROUPING]) {
        if (!modifiers.has(peek()?.text ?? '')) continue;
        next();
        labelList();
      }
      primary();
    }
  };

  expression();
  if (i !== tokens.length) throw new Error(`PromQL: trailing ${tokens[i].text} in ${expr}`);
  return selectors;
}
