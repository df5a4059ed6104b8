package lint

var APIKeyInBody = &Rule{
	ID: "api-key-in-body", severity: Warning,
	Title: "the REST API key is in the body",
	Doc: `Passing the REST API key as api_key in the body is the legacy form (changed May 2020) and is
slated for removal; it also puts a secret in payload files. Send it as "Authorization: Bearer
<key>" and remove api_key. Older /campaigns/trigger/send pages listed api_key in the body too,
and the live API accepted it there (a recorded exchange, 2019): it gets the same warning on both
endpoints (INC-39).`,
	Spec:  []string{"MS-4", "MS-2", "TS-55", "INC-39"},
	needs: []string{"api_key"},
	Check: func(p *Pass) {
		if p.Root.Has("api_key") {
			p.Report(KeyAt("/api_key"), "api_key in the body is legacy and slated for removal: send the key in an Authorization: Bearer header and remove api_key")
		}
	},
}
