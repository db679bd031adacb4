export { Errors } from './errors';
