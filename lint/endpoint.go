package lint

// Endpoint is a Braze REST endpoint whose request body brazelint checks.
type Endpoint string

const (
	MessagesSend         Endpoint = "messages/send"
	CampaignsTriggerSend Endpoint = "campaigns/trigger/send"
)

// Endpoints lists every endpoint brazelint knows, in documentation order.
var Endpoints = []Endpoint{MessagesSend, CampaignsTriggerSend}

// Path is the HTTP path of the endpoint, e.g. "/messages/send".
func (e Endpoint) Path() string { return "/" + string(e) }
