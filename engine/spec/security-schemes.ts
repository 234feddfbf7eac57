import type { LoadedSpec } from './spec-loader.ts';

/** A security scheme of a spec: an API key in a header, or AWS SigV4 (marked by the API Gateway extension). */
export type SecurityScheme = { type?: string; in?: string; name?: string; 'x-amazon-apigateway-authtype'?: string };

export function securitySchemes(spec: LoadedSpec): Record<string, SecurityScheme> {
  return (spec.document.components?.securitySchemes ?? {}) as Record<string, SecurityScheme>;
}

export function isSigV4Scheme(scheme: SecurityScheme | undefined): boolean {
  return scheme?.['x-amazon-apigateway-authtype'] === 'awsSigv4';
}

/** Does the API authenticate with AWS Signature Version 4 (CloudBasic) rather than a token? */
export function usesSigV4(spec: LoadedSpec): boolean {
  return Object.values(securitySchemes(spec)).some(isSigV4Scheme);
}

/** The header a scheme's credential travels in, when it travels in one. */
export function credentialHeaderOf(spec: LoadedSpec, schemeName: string): string | undefined {
  const scheme = securitySchemes(spec)[schemeName];
  return scheme?.in === 'header' ? scheme.name : undefined;
}
