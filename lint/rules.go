package lint

import (
	"cmp"
	"slices"
	"strings"
)

// Rules is the rule table: every rule brazelint has, one line each. Docs,
// `brazelint rules`, `brazelint explain` and SARIF rule metadata are generated
// from it, and validate runs the Go rules in this order.
var Rules = []*Rule{
	// The strict pass over the raw bytes.
	JSONSyntax,
	JSONInvalidUTF8,
	JSONDuplicateKey,
	JSONTrailingData,
	JSONNotObject,
	JSONBOM,
	JSONTooDeep,
	InputTooLarge,
	TooManyFindings,
	EndpointUnknown,

	// Mapped from the JSON Schemas.
	TypeMismatch,
	EnumValue,
	RequiredMember,
	NullMember,
	UnknownMember,
	UnknownMessageType,
	UnknownFilter,
	UnknownFilterField,
	UnknownComparison,
	ComparisonValue,
	WrongEndpointMember,
	EmptyString,
	ArrayLength,
	MemberCount,
	StringTooLong,
	InvalidFormat,
	NumberRange,
	ExclusiveMembers,
	ReservedKey,
	MessageTypeField,
	SchemaMismatch,

	// Go rules for constraints that span fields.
	MissingTarget,
	BroadcastRequired,
	BroadcastWithRecipients,
	BroadcastEnabled,
	TooManyRecipients,
	RecipientIdentifier,
	RecipientBrazeID,
	EmailNeedsPrioritization,
	PrioritizationConflict,
	PrioritizationDuplicate,
	PrioritizationWithoutEmail,
	SendToExistingNeedsAttributes,
	CreatedUserContact,
	AliasNotCreatable,
	AliasSendToExistingOnly,
	AttachmentsWithBroadcast,
	AttachmentFileExtension,
	EmptyRecipients,
	IDNotString,
	DuplicateRecipient,
	MissingVariationID,
	VariationWithoutCampaign,
	SendIDWithoutCampaign,
	TriggerPropertiesTooLarge,
	RecipientContext,
	ScheduleTime,
	ScheduleTimeZone,
	ScheduleTimePast,
	ScheduleLocalAndOptimal,
	ScheduleFarAhead,
	ScheduleWhatsApp,
	ContextTooLarge,
	LegacyCanvasEntryProperties,
	ContextNameConflict,
	CanvasTriggerProperties,
	CanvasSubscriptionGroups,
	TransactionalRecipient,
	TransactionalCampaignID,
	APIKeyInBody,
	LegacyMessageType,
	SubscriptionStateAll,
	SingleOperand,
	AudienceTooDeep,
	ValueIgnored,
	BooleanNotEqual,
	InvalidRegex,
	DayCount,
	DateOnly,
	PushTooLarge,
	PushNearSizeLimit,
	PushPriorityRange,
	ButtonURI,
	ConversationPerson,
	ImageURL,
	WebPushURL,
	AppleButton,
	CardExpiry,
	CardExpiryFields,
	BannerCardText,
	EmailBody,
	EmailAddress,
	EmailFromName,
	EmailBCC,
	EmailSubject,
	EmailHashValue,
	PreheaderLength,
	AttachmentURL,
	AttachmentURLScheme,
	AttachmentURLEmail,
	WebhookURL,
	WebhookGetBody,
	WebhookContentType,
	WhatsAppListRows,
	WhatsAppHeader,
	WhatsAppCarousel,
	TemplateVariableIndex,
	SMSClickTracking,
	AttributeIdentifiers,
	AttributeNameCase,
	AttributeFormat,
	AttributeDate,
	AttributeOperator,
	AttributeArraySize,

	// Liquid in the message content (LIQ-*), read by the lint/liquid scanner.
	LiquidSyntax,
	LiquidUnknownTag,
	LiquidCurlyQuote,
	LiquidOperator,
	LiquidUnsupportedFilter,
	LiquidUnknownFilter,
	LiquidNamespace,
	LiquidTriggerProperties,
	LiquidEmptyNamespace,
	LiquidMultipleReferences,
	LiquidConnectedContent,
	LiquidURLEscape,
	LiquidUnusedSave,
	LiquidTranslationID,
	LiquidMessageExtrasSize,
	LiquidDefault,
	LiquidJSONEscape,
	LiquidHTMLComment,
}

var rulesByID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for _, r := range Rules {
		m[r.ID] = r
	}
	return m
}()

// RuleByID returns the rule with the given id, or nil.
func RuleByID(id string) *Rule { return rulesByID[id] }

// SortDiagnostics orders diagnostics by position, then rule id, then message,
// so output is the same on every run.
func SortDiagnostics(ds []Diagnostic) {
	// slices.SortStableFunc: sort.SliceStable allocates, through reflection.
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if a.Start.Offset != b.Start.Offset {
			return cmp.Compare(a.Start.Offset, b.Start.Offset)
		}
		if a.Rule != b.Rule {
			return strings.Compare(a.Rule, b.Rule)
		}
		if a.End.Offset != b.End.Offset {
			return cmp.Compare(a.End.Offset, b.End.Offset)
		}
		return strings.Compare(a.Message, b.Message)
	})
}
