/** GitHub's REST API on github.com; GitHub Enterprise Server runners set GITHUB_API_URL instead. */
export const defaultGitHubApiUrl = "https://api.github.com";
