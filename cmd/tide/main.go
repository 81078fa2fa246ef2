// Command tide is a declarative schema-diff planner: it diffs a live database
// against the schema you want and prints, applies or checks a safe plan.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

// version is the tide version written into plans; set with -ldflags at release.
var version = "0.1.0-dev"

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitError   = 1
	exitDrift   = 2 // drift found
	exitRefused = 3 // apply not confirmed or refused by a safety rule
	exitSignal  = 130
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// says otherwise: tide runs beside databases and from cron, and a large
// schema's parse leaves much short-lived garbage that the collector would
// otherwise let grow. It is a soft limit: a schema that needs more still gets it.
const defaultMemoryLimit = 200 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startCPUProfile(os.Getenv("TIDE_CPUPROFILE"))
	code := Do(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the run to path (for developers:
// TIDE_CPUPROFILE=cpu.out tide plan …, then go tool pprof); "" does nothing.
func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tide: TIDE_CPUPROFILE:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "tide: TIDE_CPUPROFILE:", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// command is one tide subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

var commands = []command{
	{"plan", "diff a database (or files) against the desired schema and print the plan", runPlan},
	{"apply", "plan, confirm and execute; or execute a saved plan", runApply},
	{"status", "list the recorded applies, their steps and a backfill in progress", runStatus},
	{"rollback", "undo the completed steps of the last apply", runRollback},
	{"drift", "exit 2 if the database differs from the desired schema", runDrift},
	{"inspect", "write the live schema as HCL, SQL or JSON", runInspect},
	{"version", "print tide's version", runVersion},
}

// Do runs tide with the given arguments and streams and returns the exit code.
// It is main without the process: tests call it directly.
func Do(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return dispatch(ctx, newEnv(stdin, stdout, stderr), args)
}

func dispatch(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "tide: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitError
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tide — safe, zero-downtime schema changes from a declarative schema")
	fmt.Fprintln(w, "\nUsage: tide <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tide <command> -h' for a command's flags. Docs: README.md")
}

func runVersion(_ context.Context, e *env, _ []string) int {
	fmt.Fprintln(e.stdout, "tide", version)
	return exitOK
}
