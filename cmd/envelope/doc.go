package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"
)

func newDocCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doc update|check FILE.md...",
		Short: "Regenerate, or check, the envelope output in a Markdown design doc",
		Long: `doc keeps the numbers of a design document in line with its scenarios.
A block of the document between

  <!-- envelope run url-shortener --only storage_raw -o markdown -->
  <!-- /envelope -->

holds the output of that envelope command: doc update regenerates every
such block, writing only the document and keeping every byte outside the
blocks, and doc check exits 1, with a unified diff, when any is stale;
doc check writes nothing. Commands run in the document's directory. Only
envelope's commands that print are allowed (calc, run, check, list, show,
ref and the quick calculators), with no flag that writes a file, and they
read only scenario files under the document's directory, and presets.
Markdown output (-o markdown) is put in as it is; any other output goes
in a fenced code block.`,
		Args: func(cmd *cobra.Command, args []string) error {
			return usageError{errors.New("doc takes update or check, then Markdown files")}
		},
		RunE: func(cmd *cobra.Command, args []string) error { return nil },
	}
	cmd.AddCommand(newDocUpdateCmd(), newDocCheckCmd())
	return cmd
}

// newDocUpdateCmd is "envelope doc update", which regenerates the
// blocks of documents.
func newDocUpdateCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "update FILE.md...",
		Short:   "Regenerate the envelope blocks of Markdown files",
		Example: "  envelope doc update design.md",
		Args:    docFileArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runDoc(cmd, args, true) },
	}
}

// newDocCheckCmd is "envelope doc check", which fails when a block of a
// document is stale.
func newDocCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "check FILE.md...",
		Short:   "Exit 1, with a diff, when an envelope block of a Markdown file is stale",
		Example: "  envelope doc check design.md",
		Args:    docFileArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runDoc(cmd, args, false) },
	}
}

// docFileArgs requires one or more documents.
func docFileArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{fmt.Errorf("doc %s takes one or more Markdown files", cmd.Name())}
	}
	return nil
}

// A docFile is a document and its regenerated text.
type docFile struct {
	name         string
	old, updated []byte
	blocks       int
}

// runDoc regenerates the blocks of each document, and writes those that
// changed (update) or prints their diff and fails (check).
func runDoc(cmd *cobra.Command, files []string, update bool) error {
	// Every document is regenerated before any is written, so that a
	// problem in one leaves them all as they were.
	var docs []docFile
	var errs []error
	for _, file := range files {
		old, err := readDoc(file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		updated, blocks, err := regenerate(file, old)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, docFile{file, old, updated, blocks})
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	w := cmd.OutOrStdout()
	stale := false
	for _, d := range docs {
		name := render.Escape(d.name)
		switch {
		case bytes.Equal(d.old, d.updated):
			fmt.Fprintf(w, "%s: %s up to date\n", name, count(d.blocks, "block"))
		case update:
			if err := rewriteFile(d.name, d.updated); err != nil {
				return err
			}
			fmt.Fprintf(w, "%s: %s regenerated\n", name, count(d.blocks, "block"))
		default:
			stale = true
			if _, err := w.Write(diff.Diff(d.name, d.old, d.name+" (envelope doc update)", d.updated)); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "envelope: %s: stale; envelope doc update %s regenerates it\n", name, name)
		}
	}
	if stale {
		return errSilent
	}
	return nil
}

// readDoc reads a Markdown file, refusing what is not a regular file as
// scenario files are refused.
func readDoc(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	f, err := openRegular(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}
