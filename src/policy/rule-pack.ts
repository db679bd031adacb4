import { IRule } from './rule';

/** A named set of rules that are adopted together, e.g. Pod Security Standards "restricted". */
export class RulePack {
  constructor(
    /** The pack's name as reports show it, e.g. `pod-security-restricted`. */
    public readonly name: string,
    /** The rules in the pack. */
    public readonly rules: IRule[],
  ) {}
}
