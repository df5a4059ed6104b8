package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/brazelint/brazelint/internal/pattern"
	"github.com/brazelint/brazelint/lint"
)

// Off, as a rule's setting in a Policy, turns the rule off: it is not run,
// and none of its findings is reported. It is the zero Severity, which no
// diagnostic has.
const Off lint.Severity = 0

// Policy sets the severity of rules, or turns them off, for every payload,
// for the files whose path matches a pattern and for the findings whose JSON
// pointer matches one: what a .brazelint.yaml says (package config loads
// one). It is the only way to change a rule's severity: the rule table is
// never to be changed. Set it in Config.Policy; it is applied before
// Config.MaxDiagnostics cuts the findings short. Make one with NewPolicy: it
// never changes afterwards and is safe for concurrent use.
type Policy struct {
	base      pattern.Base
	rules     map[*lint.Rule]lint.Severity
	overrides []policyOverride
	// fixed is the rules to run when no override names paths, so that
	// which rules are off does not depend on the payload's path.
	fixed *ruleSet
}

// Override changes rule settings for some payloads and some findings. A
// Policy applies its overrides in order after its rules: later ones win.
type Override struct {
	// Paths are the path patterns of the files it applies to; nil means
	// every payload, including one with no path.
	Paths []string
	// Pointers are the JSON-pointer patterns of the findings it applies
	// to; nil means every finding.
	Pointers []string
	// Rules maps rule ids to a severity or Off.
	Rules map[string]lint.Severity
}

type policyOverride struct {
	paths, pointers []pattern.Glob
	rules           map[*lint.Rule]lint.Severity
}

// ruleSet is what a policy leaves on for one payload path.
type ruleSet struct {
	off map[*lint.Rule]bool // rules off for every finding
	run []*lint.Rule        // lint.Rules without them
}

// NewPolicy makes a Policy. rules maps rule ids to a severity or Off for
// every payload; the overrides then change that for some payloads and
// findings. Path patterns are relative to dir (the working directory when
// empty) and read like .gitignore lines: * and ? match within one path
// segment and ** any number of segments; a pattern with a slash at its start
// or in its middle is anchored to dir, one without (like *.ndjson) matches
// at any depth, and a pattern that names a directory covers what is inside
// it. Pointer patterns are JSON pointers whose tokens are such patterns,
// escapes as written (~1 for a / in a member name, ~0 for a ~); the empty
// pattern is the root. A relative Config.Path is taken relative to the
// working directory at the time of this call.
func NewPolicy(dir string, rules map[string]lint.Severity, overrides ...Override) (*Policy, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("cannot find the working directory: %w", err)
	}
	if dir == "" {
		dir = cwd
	} else if !filepath.IsAbs(dir) {
		dir = filepath.Join(cwd, dir)
	}
	p := &Policy{base: pattern.Base{Dir: filepath.Clean(dir), Cwd: cwd}}
	if p.rules, err = ruleSettings(rules); err != nil {
		return nil, err
	}
	pathFree := true
	for _, o := range overrides {
		var po policyOverride
		if po.rules, err = ruleSettings(o.Rules); err != nil {
			return nil, err
		}
		if po.paths, err = globs(o.Paths, pattern.ParsePath); err != nil {
			return nil, err
		}
		if po.pointers, err = globs(o.Pointers, pattern.ParsePointer); err != nil {
			return nil, err
		}
		pathFree = pathFree && po.paths == nil
		p.overrides = append(p.overrides, po)
	}
	if pathFree {
		p.fixed = p.ruleSet(nil, false)
	}
	return p, nil
}

func ruleSettings(settings map[string]lint.Severity) (map[*lint.Rule]lint.Severity, error) {
	out := make(map[*lint.Rule]lint.Severity, len(settings))
	for id, sev := range settings {
		r := lint.RuleByID(id)
		if r == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
		if sev > lint.Hint {
			return nil, fmt.Errorf("rule %s: invalid severity %v (want error, warning, info, hint or off)", id, sev)
		}
		out[r] = sev
	}
	return out, nil
}

func globs(patterns []string, parse func(string) (pattern.Glob, error)) ([]pattern.Glob, error) {
	if patterns == nil {
		return nil, nil
	}
	out := make([]pattern.Glob, 0, len(patterns))
	for _, s := range patterns {
		g, err := parse(s)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// forPath is the policy as it applies to the payload at path.
func (p *Policy) forPath(path string) *payloadPolicy {
	pp := &payloadPolicy{p: p, rules: p.fixed}
	if p.fixed == nil {
		pp.segments, pp.inside = p.base.Relative(path)
		pp.rules = p.ruleSet(pp.segments, pp.inside)
	}
	return pp
}

// ruleSet works out which rules are off for every finding in the payload
// at segments: off by the rules or a path-only override, and not turned on
// again by a later override, even for some pointers only.
func (p *Policy) ruleSet(segments []string, inside bool) *ruleSet {
	off := map[*lint.Rule]bool{}
	for r, sev := range p.rules {
		if sev == Off {
			off[r] = true
		}
	}
	for _, o := range p.overrides {
		if !o.matchesPath(segments, inside) {
			continue
		}
		for r, sev := range o.rules {
			switch {
			case sev != Off:
				delete(off, r)
			case o.pointers == nil:
				off[r] = true
			}
		}
	}
	set := &ruleSet{off: off, run: lint.Rules}
	if len(off) > 0 {
		set.run = slices.DeleteFunc(slices.Clone(lint.Rules), func(r *lint.Rule) bool { return off[r] })
	}
	return set
}

func (o *policyOverride) matchesPath(segments []string, inside bool) bool {
	return o.paths == nil || inside && pattern.MatchAnyPath(o.paths, segments)
}

// payloadPolicy is a Policy for one payload. A nil *payloadPolicy is no
// policy: every rule runs with its own severities.
type payloadPolicy struct {
	p        *Policy
	segments []string
	inside   bool
	rules    *ruleSet
}

// run is the rules to run.
func (pp *payloadPolicy) run() []*lint.Rule {
	if pp == nil {
		return lint.Rules
	}
	return pp.rules.run
}

// off reports whether r is off for every finding.
func (pp *payloadPolicy) off(r *lint.Rule) bool {
	return pp != nil && pp.rules.off[r]
}

// severity is the setting of r for a finding at pointer: a severity, Off, or
// def when the policy says nothing.
func (pp *payloadPolicy) severity(r *lint.Rule, pointer string, def lint.Severity) lint.Severity {
	sev := def
	if s, ok := pp.p.rules[r]; ok {
		sev = s
	}
	for i := range pp.p.overrides {
		o := &pp.p.overrides[i]
		s, ok := o.rules[r]
		if !ok || !o.matchesPath(pp.segments, pp.inside) {
			continue
		}
		if o.pointers != nil && !pattern.MatchAnyPointer(o.pointers, pointer) {
			continue
		}
		sev = s
	}
	return sev
}
