package estimate

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the engine embeddable: it imports no CLI or table
// library and not the presets, which depend on it.
func TestDependencies(t *testing.T) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list dependencies with")
	}
	out, err := exec.Command(gocmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 || deps[len(deps)-1] != "github.com/envelope-cli/envelope/estimate" {
		t.Fatalf("go list -deps . does not end with the estimate package:\n%s", out)
	}
	for _, dep := range deps {
		for _, banned := range []string{
			"github.com/spf13/cobra",
			"github.com/spf13/pflag",
			"github.com/olekukonko/tablewriter",
			"github.com/envelope-cli/envelope/scenarios",
			"github.com/envelope-cli/envelope/cmd/",
		} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("estimate depends on %s", dep)
			}
		}
	}
}
