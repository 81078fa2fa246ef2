package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// desiredHCL is the schema after the migration, as tide is given it.
const desiredHCL = `table "accounts" {
  column "id" { type = "bigint" }
  column "name" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
}

table "payments" {
  column "id" { type = "bigint" }
  column "account_id" {
    type = "bigint"
    null = false
  }
  column "amount" {
    type = "bigint"
    null = false
  }
  column "note" { type = "text" }
  column "created_at" { type = "timestamp with time zone" }
  column "has_note" {
    type     = "boolean"
    null     = false
    backfill = "note IS NOT NULL"
  }
  primary_key { columns = ["id"] }
  index "payments_account_id_created_at_idx" { columns = ["account_id", "created_at"] }
  foreign_key "payments_account_id_fkey" {
    columns     = ["account_id"]
    ref_table   = "accounts"
    ref_columns = ["id"]
  }
  check "payments_amount_check" { expr = "amount >= 0" }
}
`

// plainDDL is the same migration as the straightforward statements.
var plainDDL = []string{
	"ALTER TABLE payments ALTER COLUMN amount TYPE bigint",
	"ALTER TABLE payments ADD COLUMN has_note boolean DEFAULT false",
	"UPDATE payments SET has_note = (note IS NOT NULL)",
	"ALTER TABLE payments ALTER COLUMN has_note SET NOT NULL",
	"CREATE INDEX payments_account_id_created_at_idx ON payments (account_id, created_at)",
	"ALTER TABLE payments ADD CONSTRAINT payments_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id)",
	"ALTER TABLE payments ADD CONSTRAINT payments_amount_check CHECK (amount >= 0)",
}

// eventLog collects timestamped migration events; safe for concurrent use.
type eventLog struct {
	mu     sync.Mutex
	began  time.Time
	events []event
	echo   io.Writer // every event is also written here when not nil
}

func (l *eventLog) add(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := event{at: time.Since(l.began), text: text}
	l.events = append(l.events, e)
	if l.echo != nil {
		fmt.Fprintf(l.echo, "  [%7.3fs] %s\n", e.at.Seconds(), text)
	}
}

func (l *eventLog) all() []event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]event(nil), l.events...)
}

// runPlainDDL runs the plain statements one by one (each its own
// transaction, like psql) on one connection without lock or statement
// timeouts, logging when each starts and ends.
func runPlainDDL(ctx context.Context, dbURL string, log *eventLog) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SET lock_timeout = 0; SET statement_timeout = 0"); err != nil {
		return err
	}
	for i, stmt := range plainDDL {
		label := fmt.Sprintf("ddl %d: %s", i+1, stmt)
		log.add("start " + label)
		_, err := conn.Exec(ctx, stmt)
		log.add("end " + label)
		if err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// tideStepStart and tideStepDone match the step lines tide apply writes on
// stderr: "step 6 (6/11)  backfill … …" and "step 6 done in 523ms".
var (
	tideStepStart = regexp.MustCompile(`^step (\d+) \(\d+/\d+\)\s+(.*?)\s*…?$`)
	tideStepDone  = regexp.MustCompile(`^step (\d+) (done|failed)`)
)

// tideLineEvents turns one stderr line of tide apply into events, given the
// label of the step currently running (updated in place). Step lines become
// start/end events; every other line is logged as it is.
func tideLineEvents(run, line string, running *string) []string {
	line = strings.TrimRight(line, "\r")
	var out []string
	if m := tideStepStart.FindStringSubmatch(line); m != nil {
		if *running != "" {
			out = append(out, "end "+*running)
		}
		*running = fmt.Sprintf("%sstep %s: %s", run, m[1], m[2])
		return append(out, "start "+*running)
	}
	if m := tideStepDone.FindStringSubmatch(line); m != nil && strings.HasPrefix(*running, run+"step "+m[1]+":") {
		out = append(out, "end "+*running, run+line)
		*running = ""
		return out
	}
	if strings.TrimSpace(line) == "" {
		return nil
	}
	return append(out, run+line)
}

// contractSteps asks `tide plan --format json` which steps of the plan for
// dbURL belong to the contract phase.
func contractSteps(ctx context.Context, tide, dbURL, desired string) (map[int]bool, error) {
	out, err := exec.CommandContext(ctx, tide, "plan", "--url", dbURL, "--to", desired, "--format", "json").Output()
	if err != nil {
		return nil, fmt.Errorf("tide plan: %w", err)
	}
	return contractStepIDs(out)
}

// contractStepIDs reads the ids of the contract steps from a JSON plan.
func contractStepIDs(planJSON []byte) (map[int]bool, error) {
	var plan struct {
		Phases []struct {
			Name  string `json:"name"`
			Steps []struct {
				ID int `json:"id"`
			} `json:"steps"`
		} `json:"phases"`
	}
	if err := json.Unmarshal(planJSON, &plan); err != nil {
		return nil, fmt.Errorf("read the JSON plan: %w", err)
	}
	ids := map[int]bool{}
	for _, ph := range plan.Phases {
		for _, st := range ph.Steps {
			if ph.Name == "contract" {
				ids[st.ID] = true
			}
		}
	}
	return ids, nil
}

// runTide runs `tide apply` for one phase and logs its step boundaries as
// tide reports them on stderr. The time before the first step (planning on
// a throwaway database, pre-flight checks) and after the last (post-checks)
// is logged as steps of their own.
func runTide(ctx context.Context, tide, dbURL, desired, phase string, log *eventLog, onStep func(id int)) error {
	run := ""
	if phase != "all" {
		run = phase + " "
	}
	cmd := exec.CommandContext(ctx, tide, "apply", "--url", dbURL, "--to", desired,
		"--auto-approve", "--allow-data-loss", "--phase", phase)
	var stdout strings.Builder
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	running := run + "tide: plan on a throwaway database, pre-flight checks"
	log.add("start " + running)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w (run `make build` first)", tide, err)
	}
	var lines []string
	scanner := bufio.NewScanner(stderr)
	scanner.Buffer(make([]byte, 64*1024), 1<<20)
	for scanner.Scan() {
		lines = append(lines, scanner.Text())
		if m := tideStepStart.FindStringSubmatch(scanner.Text()); m != nil && onStep != nil {
			id, _ := strconv.Atoi(m[1])
			onStep(id)
		}
		before := running
		for _, e := range tideLineEvents(run, scanner.Text(), &running) {
			log.add(e)
		}
		if running == "" {
			step, _, _ := strings.Cut(strings.TrimPrefix(before, run), ":")
			running = fmt.Sprintf("%stide: after %s (bookkeeping; the next step's checks, or post-checks)", run, step)
			log.add("start " + running)
		}
	}
	err = cmd.Wait()
	if running != "" {
		log.add("end " + running)
	}
	if err != nil {
		return fmt.Errorf("tide apply --phase %s: %v\n%s\n%s", phase, err, tail(stdout.String(), 15), strings.Join(lines, "\n"))
	}
	return nil
}

// writeDesired writes the desired schema into a new temporary directory and
// returns the file's path and a function that removes the directory.
func writeDesired() (string, func(), error) {
	dir, err := os.MkdirTemp("", "tidezdt")
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, "schema.hcl")
	if err := os.WriteFile(path, []byte(desiredHCL), 0o644); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return path, func() { os.RemoveAll(dir) }, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
