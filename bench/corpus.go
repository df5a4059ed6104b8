package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/brazelint/brazelint/schema"
)

// The layout of the output directory.
const (
	corpusFile   = "corpus.ndjson"        // one compact payload per line
	corpusLabels = "corpus.labels.ndjson" // its labels, line for line
	doubleFile   = "corpus-2x.ndjson"     // the corpus twice, for the memory measure
	filesDir     = "files"                // pretty-printed payloads, one directory per endpoint
	filesLabels  = "files.labels.ndjson"  // their labels, with the file path
	schemasDir   = "schemas"              // the bundled schemas ajv compiles
	binDir       = "bin"                  // brazelint and readfile, built once
)

// endpointDir names an endpoint's directory of files and its schema file.
func endpointDir(ep string) string { return strings.ReplaceAll(ep, "/", "-") }

// fileLabel is a label of the file corpus: which file it describes.
type fileLabel struct {
	File string `json:"file"`
	Label
}

// corpus is what generate wrote, with the labels in memory.
type corpus struct {
	dir        string
	labels     []Label     // of corpus.ndjson, line i+1 has labels[i]
	files      []fileLabel // of the file corpus, in file order
	bytes      int64       // size of corpus.ndjson
	smallValid string      // a small valid /messages/send file, for the start-up measure
}

func (c *corpus) path(elem ...string) string {
	return filepath.Join(append([]string{c.dir}, elem...)...)
}

// generate writes the NDJSON corpus of n payloads, the file corpus of files
// payloads, their labels and the bundled schemas into dir. The file corpus
// comes from its own stream, so it is the same whatever n is.
func generate(dir string, n, files int, seed uint64) (*corpus, error) {
	c := &corpus{dir: dir}
	if err := os.RemoveAll(c.path(filesDir)); err != nil {
		return nil, err
	}
	for _, d := range []string{schemasDir, binDir, filepath.Join(filesDir, endpointDir(messagesSend)), filepath.Join(filesDir, endpointDir(campaignsTriggerSend))} {
		if err := os.MkdirAll(c.path(d), 0o755); err != nil {
			return nil, err
		}
	}
	for _, ep := range []string{messagesSend, campaignsTriggerSend} {
		s, err := schema.Bundle(endpointDir(ep) + ".json")
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(c.path(schemasDir, endpointDir(ep)+".json"), s, 0o644); err != nil {
			return nil, err
		}
	}

	if err := c.writeNDJSON(newGen(seed), n); err != nil {
		return nil, err
	}
	if err := c.writeFiles(newGen(seed^0x66696c6573), files); err != nil { // "files"
		return nil, err
	}
	return c, nil
}

func (c *corpus) writeNDJSON(g *gen, n int) error {
	data, err := os.Create(c.path(corpusFile))
	if err != nil {
		return err
	}
	defer data.Close()
	labels, err := os.Create(c.path(corpusLabels))
	if err != nil {
		return err
	}
	defer labels.Close()
	dw, lw := bufio.NewWriterSize(data, 1<<20), bufio.NewWriter(labels)
	enc := json.NewEncoder(lw)
	var line []byte
	for range n {
		p := g.next()
		line = append(appendJSON(line[:0], p.root, false), '\n')
		c.bytes += int64(len(line))
		if _, err := dw.Write(line); err != nil {
			return err
		}
		l := p.label()
		c.labels = append(c.labels, l)
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	if err := dw.Flush(); err != nil {
		return err
	}
	if err := lw.Flush(); err != nil {
		return err
	}
	if err := data.Close(); err != nil {
		return err
	}
	return labels.Close()
}

func (c *corpus) writeFiles(g *gen, n int) error {
	labels, err := os.Create(c.path(filesLabels))
	if err != nil {
		return err
	}
	defer labels.Close()
	enc := json.NewEncoder(labels)
	var text []byte
	for i := range n {
		p := g.next()
		name := filepath.Join(filesDir, endpointDir(p.endpoint), fmt.Sprintf("%04d.json", i+1))
		text = append(appendJSON(text[:0], p.root, true), '\n')
		if err := os.WriteFile(c.path(name), text, 0o644); err != nil {
			return err
		}
		l := fileLabel{File: name, Label: p.label()}
		c.files = append(c.files, l)
		if err := enc.Encode(l); err != nil {
			return err
		}
		if c.smallValid == "" && isSmallClean(p, len(text)) {
			c.smallValid = name
		}
	}
	if c.smallValid == "" {
		return fmt.Errorf("the file corpus has no small valid /messages/send payload: generate more files")
	}
	return labels.Close()
}

// isSmallClean tells a payload fit for the start-up measure: valid, about
// 1 KB, for /messages/send and sent to listed users, so brazelint has nothing
// to say about it (broadcast gets an info note).
func isSmallClean(p payload, size int) bool {
	_, listed := p.root.get("external_user_ids")
	_, broadcast := p.root.get("broadcast")
	return p.defect == "" && p.endpoint == messagesSend && listed && !broadcast && size > 600 && size < 1500
}

// writeDouble writes the corpus twice over into one file, for the memory
// measure: peak memory should not grow with the input.
func (c *corpus) writeDouble() error {
	data, err := os.ReadFile(c.path(corpusFile))
	if err != nil {
		return err
	}
	return os.WriteFile(c.path(doubleFile), append(data, data...), 0o644)
}
