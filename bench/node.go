package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ajvDir holds the Node side: package.json and package-lock.json pin ajv,
// ajv-formats and ajv-cli; run.mjs and formats.cjs are ours.
var ajvDir = filepath.Join("bench", "ajv")

// nodeTools are the absolute paths the Node measures need.
type nodeTools struct {
	node, runner, ajvCLI, formats string
	nodeVersion                   string
}

// setupNode finds node and installs the pinned packages with npm ci when
// node_modules is missing.
func setupNode() (*nodeTools, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("node is needed for the ajv measures (Node 18 or later): %w", err)
	}
	dir, err := filepath.Abs(ajvDir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); os.IsNotExist(err) {
		done := step("installing ajv with npm ci in %s", ajvDir)
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("npm ci in %s: %w\n%s", ajvDir, err, out)
		}
		done()
	}
	version, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &nodeTools{
		node:        node,
		runner:      filepath.Join(dir, "run.mjs"),
		ajvCLI:      filepath.Join(dir, "node_modules", "ajv-cli", "dist", "index.js"),
		formats:     filepath.Join(dir, "formats.cjs"),
		nodeVersion: strings.TrimSpace(string(version)),
	}, nil
}

func (t *nodeTools) runnerArgs(c *corpus, mode string) []string {
	return []string{t.runner, mode, c.path(schemasDir, endpointDir(messagesSend)+".json"),
		c.path(schemasDir, endpointDir(campaignsTriggerSend)+".json"), c.path(corpusFile)}
}

// ajvVerdicts runs ajv over the corpus and returns its verdict per line.
func (t *nodeTools) ajvVerdicts(c *corpus) ([]bool, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(t.node, t.runnerArgs(c, "verdicts")...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node run.mjs verdicts: %w\n%s", err, stderr.Bytes())
	}
	valid := make([]bool, len(out))
	for i, v := range out {
		valid[i] = v == '1'
	}
	return valid, nil
}

// ajvTiming is what run.mjs time reports.
type ajvTiming struct {
	Node         string  `json:"node"`
	Ajv          string  `json:"ajv"`
	Payloads     int     `json:"payloads"`
	Errors       int     `json:"errors"`
	USPerPayload float64 `json:"us_per_payload"`
}

func (t *nodeTools) ajvTime(c *corpus, passes int) (ajvTiming, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(t.node, append(t.runnerArgs(c, "time"), fmt.Sprint(passes))...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return ajvTiming{}, fmt.Errorf("node run.mjs time: %w\n%s", err, stderr.Bytes())
	}
	var res ajvTiming
	if err := json.Unmarshal(out, &res); err != nil {
		return ajvTiming{}, fmt.Errorf("node run.mjs time printed %q: %w", out, err)
	}
	if res.Payloads != len(c.labels) {
		return ajvTiming{}, fmt.Errorf("node run.mjs time read %d payloads, the corpus has %d", res.Payloads, len(c.labels))
	}
	return res, nil
}

// ajvCLICommand returns one ajv-cli call over the files of one endpoint, run in the
// output directory so it prints the paths the labels use: the same Draft
// 2020-12 schema, formats and all-errors setting as run.mjs.
func (t *nodeTools) ajvCLICommand(c *corpus, ep string) *exec.Cmd {
	cmd := exec.Command(t.node, t.ajvCLI, "validate", "--spec=draft2020", "--all-errors", "--strict-types=false",
		"-c", t.formats, "-s", filepath.Join(schemasDir, endpointDir(ep)+".json"),
		"-d", filepath.Join(filesDir, endpointDir(ep), "*.json"))
	cmd.Dir = c.dir
	return cmd
}
