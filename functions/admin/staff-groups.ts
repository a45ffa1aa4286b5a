import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  paginateListGroups,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * Creates the staff groups the registry needs that the user pool does not have yet (a province or region
 * added by an import after the deploy); answers the names it created. Existing groups are left alone.
 */
export async function ensureStaffGroups(
  userPoolId: string,
  groups: readonly { name: string; description: string }[],
  client = new CognitoIdentityProviderClient({}),
): Promise<string[]> {
  const existing = new Set<string>();
  for await (const page of paginateListGroups({ client }, { UserPoolId: userPoolId })) {
    for (const group of page.Groups ?? []) if (group.GroupName) existing.add(group.GroupName);
  }
  const created: string[] = [];
  for (const group of groups.filter((candidate) => !existing.has(candidate.name))) {
    await client.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: group.name,
        Description: group.description,
      }),
    );
    created.push(group.name);
  }
  return created;
}
