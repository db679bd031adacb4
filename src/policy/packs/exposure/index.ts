import { INGRESS_CLASS, INGRESS_DEFAULT_BACKEND, INGRESS_HOST, INGRESS_TLS } from './ingress';
import { SERVICE_EXTERNAL_IPS, SERVICE_TYPE } from './service';
import { IRule } from '../../rule';

/** Exposure, in report order. */
export const EXPOSURE_RULES: IRule[] = [INGRESS_TLS, INGRESS_HOST, INGRESS_CLASS, INGRESS_DEFAULT_BACKEND, SERVICE_TYPE, SERVICE_EXTERNAL_IPS];
