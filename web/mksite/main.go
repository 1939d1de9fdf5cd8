// Command mksite writes envelope's page as a static folder ("make site"
// writes site/): open its index.html from any static host or from
// file://. Every preset is in it.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/envelope-cli/envelope/web"
)

func main() {
	out := flag.String("o", "site", "directory to write the site to")
	flag.Parse()
	if err := web.WriteSite(*out, nil); err != nil {
		fmt.Fprintln(os.Stderr, "mksite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s/index.html\n", *out)
}
