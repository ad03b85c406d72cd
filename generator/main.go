// Command generator builds the report portal; run "go run ./generator help"
// for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/countyperf/portal/generator/internal/cli"
	"github.com/countyperf/portal/generator/internal/invocation"
)

func main() {
	invocation.Set(os.Args[0])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
