package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// Files that envelope writes because the user named them (--export-samples,
// --plot, init's FILE, man's pages) go through one owner, outFile, which
// holds the rules that docs/cli.md#files-envelope-writes gives: an
// existing file only with --force, never a file the command reads, only
// regular files, never through a symlink, "-" for standard output, no
// empty name, and always through a temporary file and a rename.

// writesFile is the annotation that marks a flag whose value names a
// file the command writes. doc refuses every flag so marked in a block,
// and flagFile takes a file only from a flag that is marked, so that a
// new writing flag cannot be left unmarked.
const writesFile = "envelope_writes_file"

// fileFlag adds a string flag that names a file the command writes.
func fileFlag(cmd *cobra.Command, p *string, name, usage string) {
	cmd.Flags().StringVar(p, name, "", usage)
	markWritesFile(cmd, name)
}

// markWritesFile marks a command's flag as one that writes a file.
func markWritesFile(cmd *cobra.Command, name string) {
	if err := cmd.Flags().SetAnnotation(name, writesFile, []string{"true"}); err != nil {
		panic(err) // no such flag: a mistake in the code, found by any test
	}
}

// forceFlag adds --force, which lets a command replace a file that exists.
func forceFlag(cmd *cobra.Command, p *bool, what string) {
	cmd.Flags().BoolVar(p, "force", false, "replace "+what+" if it exists (a symlink is replaced, not written through)")
}

// noWrites is the context key under which a command may write no file:
// set while a doc block runs.
type noWrites struct{}

// withoutWrites returns a context in which outFile refuses to write.
func withoutWrites(ctx context.Context) context.Context {
	return context.WithValue(ctx, noWrites{}, true)
}

func writesRefused(cmd *cobra.Command) bool {
	ctx := cmd.Context()
	return ctx != nil && ctx.Value(noWrites{}) != nil
}

// A readFile is a file a command reads, which it must never write: the
// scenario, or a file another flag of the same command writes.
type readFile struct {
	path string
	what string // "the scenario this command reads"
}

// scenarioRead is the file of a target as a readFile, or nothing for a
// preset or standard input.
func scenarioRead(t target) []readFile {
	if t.preset != "" || isStdin(t.arg) {
		return nil
	}
	return []readFile{{t.arg, "the scenario this command reads"}}
}

// An outFile is a file the user named for a command to write, checked
// against the rules; "-" is standard output.
type outFile struct {
	cmd   *cobra.Command
	name  string // how the command line names it, for errors: "--plot", "init"
	path  string
	force bool
	reads []readFile
}

// flagFile returns the file that cmd's flag names, checked; nil when the
// flag is not given. The flag must be marked with writesFile.
func flagFile(cmd *cobra.Command, flag string, force bool, reads ...readFile) (*outFile, error) {
	f := cmd.Flags().Lookup(flag)
	if f == nil || f.Annotations[writesFile] == nil {
		panic("--" + flag + " writes a file but is not marked with writesFile")
	}
	if !f.Changed {
		return nil, nil
	}
	return newOutFile(cmd, "--"+flag, f.Value.String(), force, reads...)
}

// newOutFile checks a file named for cmd to write, before the work that
// fills it, so that a refusal costs nothing: name is how the command
// line names it, for errors.
func newOutFile(cmd *cobra.Command, name, path string, force bool, reads ...readFile) (*outFile, error) {
	if path == "" {
		return nil, usageError{fmt.Errorf("%s: an empty file name; name a file, or - for standard output", name)}
	}
	o := &outFile{cmd: cmd, name: name, path: path, force: force, reads: reads}
	if err := o.check(); err != nil {
		return nil, err
	}
	return o, nil
}

// stdout reports whether the file is standard output: "-", or
// /dev/stdout, which is a link that --force must not replace.
func (o *outFile) stdout() bool { return o != nil && (o.path == "-" || o.path == "/dev/stdout") }

// check applies the rules to the file as the file system has it now.
func (o *outFile) check() error {
	if writesRefused(o.cmd) {
		return fmt.Errorf("%s writes a file, which a block may not", o.name)
	}
	if o.stdout() {
		return nil
	}
	for _, r := range o.reads {
		if samePath(o.path, r.path) {
			return fmt.Errorf("%s: %s is %s; name another file", o.name, o.path, r.what)
		}
	}
	info, err := os.Lstat(o.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %s: %v", o.name, o.path, unwrapPath(err))
	case info.Mode()&fs.ModeSymlink != 0:
		// --force replaces a link to a file, or to nothing; a link to
		// a directory or a device is refused as what it leads to is.
		if target, err := os.Stat(o.path); err == nil {
			info = target
		}
	}
	switch {
	case info.IsDir():
		return fmt.Errorf("%s: %s: is a directory, not a file", o.name, o.path)
	case !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0:
		return fmt.Errorf("%s: %s: not a regular file; envelope writes only regular files", o.name, o.path)
	case !o.force:
		return fmt.Errorf("%s: %s already exists; use --force to overwrite it", o.name, o.path)
	}
	return nil
}

// samePath reports whether a and b name one file: the same path, or, when
// both exist, the same file (through links too).
func samePath(a, b string) bool {
	if b == "" || isStdin(b) {
		return false
	}
	if aa, err := filepath.Abs(a); err == nil {
		if bb, err := filepath.Abs(b); err == nil && aa == bb {
			return true
		}
	}
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// write writes the file with what fill writes: to standard output for
// "-", or else through a temporary file in the same directory, renamed
// into place only when fill succeeds. The rules are checked again, for
// a file that appeared since newOutFile. Without --force, the file is
// put in place with link(2), which fails when something is there.
func (o *outFile) write(fill func(io.Writer) error) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.stdout() {
		return fill(o.cmd.OutOrStdout())
	}
	perm := fs.FileMode(0o644)
	if info, err := os.Lstat(o.path); err == nil && info.Mode().IsRegular() {
		perm = info.Mode().Perm() // a file replaced keeps its mode
	}
	err := writeAtomic(o.path, perm, o.force, fill)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %s already exists; use --force to overwrite it", o.name, o.path)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", o.name, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory and a rename, so that a reader never sees half a file
// and a failed write leaves the old one. A symlink at path is replaced by
// the new file, not written through. It is for the files envelope
// rewrites on its own account (check --update, the REPL's history); a
// file the user names goes through outFile.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	return writeAtomic(path, perm, true, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// rewriteFile writes data over a file that the command read, such as a
// document that doc update regenerates: a symlink is followed, and its
// target rewritten atomically in its own directory, keeping the link and
// the file's mode.
func rewriteFile(path string, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	info, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file; envelope writes only regular files", path)
	}
	if err := writeFileAtomic(real, data, info.Mode().Perm()); err != nil {
		if real != path {
			return fmt.Errorf("%s (a link to it): %w", path, err)
		}
		return err
	}
	return nil
}

// writeAtomic writes what fill writes to a temporary file beside path,
// then puts it at path: by rename when replace is set, or else by
// link(2), which fails with fs.ErrExist when anything is at path, even
// a file made since it was checked. Where the file system has no hard
// links, it renames after checking again.
func writeAtomic(path string, perm os.FileMode, replace bool, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is none
	bw := bufio.NewWriter(tmp)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if !replace {
		err := os.Link(tmp.Name(), path)
		if err == nil || errors.Is(err, fs.ErrExist) {
			return err
		}
		if _, err := os.Lstat(path); err == nil {
			return fs.ErrExist
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the operation and temporary path from an
// *fs.PathError, which the message names in its own words.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
