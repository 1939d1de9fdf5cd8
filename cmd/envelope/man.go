package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes envelope's man pages with cobra's generator, one per
// command, for make man. It is hidden: a build step, not a user's command.
func newManCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:    "man DIR",
		Short:  "Write envelope's man pages (section 1) to DIR",
		Hidden: true,
		Args:   exactArgs(1, "the directory to write the man pages to"),
		RunE:   func(cmd *cobra.Command, args []string) error { return runMan(cmd, args[0], force) },
	}
	forceFlag(cmd, &force, "a page")
	return cmd
}

// runMan writes a man page for every command to dir, refusing to
// replace a page unless force is set.
func runMan(cmd *cobra.Command, dir string, force bool) error {
	switch {
	case dir == "":
		return usageError{errors.New("man: an empty directory name; name the directory to write the pages to")}
	case dir == "-":
		return usageError{errors.New("man writes a page per command to a directory; - (standard output) cannot hold them")}
	}
	root := cmd.Root()
	root.DisableAutoGenTag = true // pages that do not change with the date
	pages, err := manPages(root)
	if err != nil {
		return err
	}
	if err := manDir(dir); err != nil {
		return err
	}
	// Every page is checked before any is written, so that a
	// refusal leaves the directory as it was.
	files := make([]*outFile, len(pages))
	for i, p := range pages {
		if files[i], err = newOutFile(cmd, "man", filepath.Join(dir, p.name), force); err != nil {
			return err
		}
	}
	for i, p := range pages {
		if err := files[i].write(func(w io.Writer) error { _, err := w.Write(p.text); return err }); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %d man pages to %s\n", len(pages), render.Escape(dir))
	return err
}

// A manPage is one command's page and its file name.
type manPage struct {
	name string // envelope-run.1
	text []byte
}

// manPages are the pages of root and every command below it that help
// lists, named as cobra's doc.GenManTree names them, root first.
func manPages(root *cobra.Command) ([]manPage, error) {
	var pages []manPage
	var walk func(*cobra.Command) error
	walk = func(c *cobra.Command) error {
		header := &doc.GenManHeader{Title: "ENVELOPE", Section: "1", Source: "envelope", Manual: "envelope manual"}
		var b bytes.Buffer
		if err := doc.GenMan(c, header, &b); err != nil {
			return err
		}
		pages = append(pages, manPage{strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1", b.Bytes()})
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(root)
}

// manDir makes the directory for the pages if it is missing; one that
// exists must be a directory itself, not a symlink to one, since
// envelope writes nothing through a link.
func manDir(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("man: %s: %v", dir, unwrapPath(err))
		}
		return nil
	case err != nil:
		return fmt.Errorf("man: %s: %v", dir, unwrapPath(err))
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("man: %s is a symlink; name the directory itself", dir)
	case !info.IsDir():
		return fmt.Errorf("man: %s is not a directory", dir)
	}
	return nil
}
