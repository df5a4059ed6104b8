package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// ajvTiming is what run.mjs serve says: the versions, the payloads it
// read, and the median of the passes asked for.
type ajvTiming struct {
	Node         string  `json:"node"`
	Ajv          string  `json:"ajv"`
	Payloads     int     `json:"payloads"`
	USPerPayload float64 `json:"us_per_payload"`
}

// ajvServer is ajv in one node process that has read the corpus and
// warmed up, timing one pass over it whenever asked: the harness takes
// turns with it, so that a machine that slows down during the run slows
// both sides alike.
type ajvServer struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Scanner
	stderr bytes.Buffer
	info   ajvTiming
	passes []float64 // µs per payload of each pass, in turn
}

// startAJV starts run.mjs serve and waits for its warm-up.
func (t *nodeTools) startAJV(c *corpus) (*ajvServer, error) {
	s := &ajvServer{cmd: exec.Command(t.node, t.runnerArgs(c, "serve")...)}
	s.cmd.Stderr = &s.stderr
	var err error
	if s.in, err = s.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("node run.mjs serve: %w", err)
	}
	s.out = bufio.NewScanner(out)
	if err := s.read(&s.info); err != nil {
		s.close()
		return nil, err
	}
	if s.info.Payloads != len(c.labels) {
		s.close()
		return nil, fmt.Errorf("node run.mjs serve read %d payloads, the corpus has %d", s.info.Payloads, len(c.labels))
	}
	return s, nil
}

// read decodes the next line run.mjs prints into v.
func (s *ajvServer) read(v any) error {
	if !s.out.Scan() {
		return fmt.Errorf("node run.mjs serve stopped: %v\n%s", s.out.Err(), s.stderr.Bytes())
	}
	if err := json.Unmarshal(s.out.Bytes(), v); err != nil {
		return fmt.Errorf("node run.mjs serve printed %q: %w", s.out.Bytes(), err)
	}
	return nil
}

// pass times one ajv pass over the corpus.
func (s *ajvServer) pass() error {
	if _, err := io.WriteString(s.in, "pass\n"); err != nil {
		return fmt.Errorf("node run.mjs serve: %w\n%s", err, s.stderr.Bytes())
	}
	var res struct {
		USPerPayload float64 `json:"us_per_payload"`
	}
	if err := s.read(&res); err != nil {
		return err
	}
	s.passes = append(s.passes, res.USPerPayload)
	return nil
}

// timing is the versions and the median pass so far.
func (s *ajvServer) timing() ajvTiming {
	t := s.info
	if len(s.passes) > 0 {
		sorted := slices.Sorted(slices.Values(s.passes))
		t.USPerPayload = sorted[len(sorted)/2]
	}
	return t
}

// close ends the node process.
func (s *ajvServer) close() error {
	s.in.Close()
	return s.cmd.Wait()
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
