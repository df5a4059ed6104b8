package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// checkSchemaExports writes what `brazelint schema` prints for each
// endpoint, with and without --allow-unknown, and compiles each with ajv's
// defaults (bench/ajv/strict.mjs): ajv's default strict mode must accept
// them, as ajv-cli without --strict=false would.
func checkSchemaExports(brazelint, dir string, t *nodeTools) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var files []string
	for _, ep := range []string{messagesSend, campaignsTriggerSend} {
		for _, variant := range []string{"", "--allow-unknown"} {
			args := []string{"schema", ep}
			name := endpointDir(ep) + ".export.json"
			if variant != "" {
				args = []string{"schema", variant, ep}
				name = endpointDir(ep) + ".export-allow-unknown.json"
			}
			out, err := exec.Command(brazelint, args...).Output()
			if err != nil {
				return fmt.Errorf("brazelint %v: %w", args, err)
			}
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, out, 0o644); err != nil {
				return err
			}
			files = append(files, path)
		}
	}
	cmd := exec.Command(t.node, append([]string{filepath.Join(filepath.Dir(t.runner), "strict.mjs")}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("ajv's default strict mode refuses brazelint schema output: %w\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "%s", out)
	return nil
}
