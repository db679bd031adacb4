import { CREDENTIAL_VALUE } from './credential-value';
import { ENV_LITERAL } from './environment';
import { LITERAL_SECRET } from './literal-secret';
import { URL_CREDENTIALS } from './url-credentials';
import { IRule } from '../../rule';

/** Secrets hygiene, in report order. */
export const SECRETS_RULES: IRule[] = [LITERAL_SECRET, ENV_LITERAL, URL_CREDENTIALS, CREDENTIAL_VALUE];
