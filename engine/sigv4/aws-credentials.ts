import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ConformanceConfig } from '../config/config-model.ts';

type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** The shared credentials file the AWS CLI reads (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials). */
function sharedCredentialsFile(environment: NodeJS.ProcessEnv): string {
  return environment.AWS_SHARED_CREDENTIALS_FILE ?? path.join(environment.HOME ?? homedir(), '.aws', 'credentials');
}

async function tryProvider(provide: () => Promise<AwsCredentials>): Promise<AwsCredentials | undefined> {
  try {
    return await provide();
  } catch {
    return undefined;
  }
}

/** The AWS SDK's provider for the shared file, loaded only when there is such a file to read. */
async function fromSharedFile(profile: string, file: string): Promise<AwsCredentials | undefined> {
  const { fromIni } = await import('@aws-sdk/credential-providers');
  return tryProvider(fromIni({ profile, filepath: file, ignoreCache: true }));
}

/**
 * CloudBasic's SigV4 keys from the standard AWS chain when the config gives none (its
 * auth.sigv4, or CONFORMANCE_SIGV4_*, still win): the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN variables, else the profile (AWS_PROFILE, else default) of the shared
 * credentials file. Only these two providers: the chain never asks an instance-metadata
 * endpoint. The region comes from AWS_REGION or AWS_DEFAULT_REGION when set.
 */
export async function withAwsCredentialChain(config: ConformanceConfig, environment: NodeJS.ProcessEnv = process.env): Promise<ConformanceConfig> {
  if (!config.given || config.given.sigv4) return config;
  // The variables as the SDK's environment provider reads them (read here from `environment`, which a caller may give).
  const fromVariables: AwsCredentials | undefined =
    environment.AWS_ACCESS_KEY_ID && environment.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: environment.AWS_ACCESS_KEY_ID,
          secretAccessKey: environment.AWS_SECRET_ACCESS_KEY,
          ...(environment.AWS_SESSION_TOKEN ? { sessionToken: environment.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  const profile = environment.AWS_PROFILE ?? 'default';
  const file = sharedCredentialsFile(environment);
  const found = fromVariables ?? (existsSync(file) ? await fromSharedFile(profile, file) : undefined);
  if (!found) return config;
  const region = environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION ?? config.auth.sigv4.region;
  const sigv4 = {
    accessKeyId: found.accessKeyId,
    secretAccessKey: found.secretAccessKey,
    ...(found.sessionToken ? { sessionToken: found.sessionToken } : {}),
    region,
    service: config.auth.sigv4.service,
  };
  return { ...config, auth: { ...config.auth, sigv4 }, given: { ...config.given, sigv4: true } };
}
