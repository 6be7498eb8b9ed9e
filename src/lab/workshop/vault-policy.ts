// The learner's Vault policy, as HCL text. Pure, so it can be read and tested without a Vault.
//
// Vault does not ask whoever writes an auth role to hold the policies the role hands out, so "may write
// roles on their own mounts" would be "may get any policy but root". The parameter limits close that:
// a learner enables only the two methods the notebooks use, tunes nothing, and every role or user they
// write hands out the `default` policy alone, never a periodic token. They read no entity: a login's own
// token reads its entity through the `default` policy (`identity/entity/id/{{identity.entity.id}}`).

/** What a learner's roles may hand out: Vault compares each policy name of the list (or comma string) to these. */
export const ROLE_POLICIES = ['default'] as const;
/** The auth methods the notebooks enable: kubernetes (04–06) and jwt (06). */
export const MOUNT_TYPES = ['kubernetes', 'jwt'] as const;

const quoted = (values: readonly string[]) => `[${values.map((v) => `"${v}"`).join(', ')}]`;

/** `vault policy write auth-delegator-lab-workshop-PREFIX -`: the learner's own auth mounts and nothing else. */
export function vaultPolicy(prefix: string): string {
  return [
    `# auth-delegator-lab workshop: learner ${prefix} manages auth mounts named ${prefix}-* and nothing else.`,
    `path "sys/auth/${prefix}-*" {`,
    '  capabilities = ["create", "read", "update", "delete", "sudo"]',
    '  # `vault auth enable` of a kubernetes or jwt method; a tune (any other parameter) is refused',
    '  allowed_parameters = {',
    `    "type" = ${quoted(MOUNT_TYPES)}`,
    ...['description', 'config', 'local', 'seal_wrap', 'external_entropy_access', 'options'].map(
      (key) => `    "${key}" = []`,
    ),
    '  }',
    '}',
    `path "auth/${prefix}-*" {`,
    '  capabilities = ["create", "read", "update", "delete", "list"]',
    '  # roles hand out the default policy alone, and never a token that renews forever',
    '  allowed_parameters = {',
    '    "*" = []',
    `    "token_policies" = ${quoted(ROLE_POLICIES)}`,
    `    "policies" = ${quoted(ROLE_POLICIES)}`,
    '  }',
    '  denied_parameters = {',
    '    "token_period" = []',
    '    "period" = []',
    '  }',
    '}',
    '',
  ].join('\n');
}
