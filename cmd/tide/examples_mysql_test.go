package main

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// The MySQL/MariaDB shop example (examples/shop-mysql, started from
// examples/shop-mysql-v1.sql) kept honest: the README and examples/README.md
// promise that its plan has each change below, that apply runs it with the
// rows intact, and that nothing drifts afterwards.

const (
	shopMySQLDir = "../../examples/shop-mysql"
	shopMySQLV1  = "../../examples/shop-mysql-v1.sql"
)

// shopMySQLChange is one change the example's plan must show: a step in
// phase whose statements, together, contain every string of sql; when
// hazard is set the step has that hazard and its message contains every
// string of hazardHas; when noHazard is set the step does not have it.
type shopMySQLChange struct {
	what      string
	phase     dialects.Phase
	sql       []string
	hazard    string
	hazardHas []string
	noHazard  string
}

// shopMySQLChanges lists what examples/README.md's shop-mysql table says the
// v1 → desired plan does on MariaDB 10.11 (the live tests' server).
var shopMySQLChanges = []shopMySQLChange{
	{what: "added nullable column customers.phone, instant", phase: dialects.PhaseExpand,
		sql: []string{"ALTER TABLE `customers` ADD COLUMN `phone` varchar(32) NULL", "ALGORITHM=INSTANT"}, noHazard: dialects.HazardTableCopy},
	{what: "added column customers.email_domain, nullable until its backfill", phase: dialects.PhaseExpand,
		sql: []string{"ALTER TABLE `customers` ADD COLUMN `email_domain` varchar(255) NULL", "ALGORITHM=INSTANT"}},
	{what: "customers.email_domain made NOT NULL after the backfill", phase: dialects.PhaseValidate,
		sql: []string{"MODIFY COLUMN `email_domain` varchar(255) NOT NULL DEFAULT ''"}, noHazard: dialects.HazardTableCopy},
	{what: "ENUM member appended to orders.status, instant", phase: dialects.PhaseExpand,
		sql: []string{"MODIFY COLUMN `status` enum('pending','paid','shipped','cancelled','refunded')", "ALGORITHM=INSTANT"}, noHazard: dialects.HazardTableCopy},
	{what: "new prefix index products_name_prefix_idx", phase: dialects.PhaseExpand,
		sql: []string{"ADD KEY `products_name_prefix_idx` (`name`(20))", "ALGORITHM=INPLACE, LOCK=NONE"}},
	{what: "new index order_lines_product_idx", phase: dialects.PhaseExpand,
		sql: []string{"ADD KEY `order_lines_product_idx` (`product_id`)", "ALGORITHM=INPLACE, LOCK=NONE"}},
	{what: "new foreign key order_lines_product_fk", phase: dialects.PhaseExpand,
		sql: []string{"ADD CONSTRAINT `order_lines_product_fk` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`)"}},
	{what: "new check products_price_check", phase: dialects.PhaseExpand,
		sql: []string{"ADD CONSTRAINT `products_price_check` CHECK (`price` >= 0)"}, hazard: dialects.HazardValidationMayFail},
	{what: "product_views.id int → bigint only COPY can do, with gh-ost and pt-osc (no foreign keys)", phase: dialects.PhaseExpand,
		sql:    []string{"MODIFY COLUMN `id` bigint unsigned NOT NULL AUTO_INCREMENT", "ALGORITHM=COPY"},
		hazard: dialects.HazardTableCopy, hazardHas: []string{"gh-ost ", "product_views", "pt-online-schema-change ", "MODIFY COLUMN `id` bigint unsigned NOT NULL AUTO_INCREMENT"}},
	{what: "products.price type change only COPY can do, with pt-osc (the table has foreign keys)", phase: dialects.PhaseExpand,
		sql:    []string{"MODIFY COLUMN `price` decimal(12,2) NOT NULL", "ALGORITHM=COPY"},
		hazard: dialects.HazardTableCopy, hazardHas: []string{"pt-online-schema-change ", "MODIFY COLUMN `price` decimal(12,2) NOT NULL"}},
	{what: "customers.name renamed to full_name", phase: dialects.PhaseExpand,
		sql: []string{"ALTER TABLE `customers` RENAME COLUMN `name` TO `full_name`"}, hazard: dialects.HazardBreaksClients},
	{what: "products.legacy_code dropped", phase: dialects.PhaseContract,
		sql: []string{"ALTER TABLE `products` DROP COLUMN `legacy_code`"}, hazard: dialects.HazardDeletesData},
}

// matches reports whether step st, in phase ph, is the change c.
func (c shopMySQLChange) matches(ph dialects.Phase, st planner.Step) bool {
	if ph != c.phase {
		return false
	}
	all := strings.Join(st.Statements, "\n")
	for _, s := range c.sql {
		if !strings.Contains(all, s) {
			return false
		}
	}
	found := c.hazard == ""
	for _, h := range st.Hazards {
		if h.Code == c.noHazard {
			return false
		}
		if h.Code == c.hazard && containsAll(h.Message, c.hazardHas) {
			found = true
		}
	}
	return found
}

// containsAll reports whether s contains every string of subs.
func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// requireShopMySQLPlan fails for each change of shopMySQLChanges that no
// step of p is, and when the batched backfill of customers.email_domain is
// missing.
func requireShopMySQLPlan(t *testing.T, p *planner.Plan) {
	t.Helper()
	for _, c := range shopMySQLChanges {
		found := false
		for _, ph := range p.Phases {
			for _, st := range ph.Steps {
				found = found || c.matches(ph.Name, st)
			}
		}
		if !found {
			t.Errorf("the plan lacks: %s (a step in phase %s with %q, hazard %q %q, without hazard %q)", c.what, c.phase, c.sql, c.hazard, c.hazardHas, c.noHazard)
		}
	}
	backfills := 0
	for _, ph := range p.Phases {
		for _, st := range ph.Steps {
			b := st.Backfill
			if b == nil {
				continue
			}
			backfills++
			want := dialects.Assignment{Column: "email_domain", Expr: "substring_index(email, '@', -1)"}
			if ph.Name != dialects.PhaseBackfill || b.Table.Name != "customers" || strings.Join(b.Key, ",") != "id" ||
				len(b.Set) != 1 || b.Set[0] != want || b.BatchSize != 2 {
				t.Errorf("backfill step %d in phase %s: %+v; want customers.email_domain = %s, batches of 2 walking id", st.ID, ph.Name, *b, want.Expr)
			}
		}
	}
	if backfills != 1 {
		t.Errorf("the plan has %d batched backfills, want 1 (customers.email_domain)", backfills)
	}
}

// TestExampleShopMySQL loads examples/shop-mysql-v1.sql with its rows into
// a fresh database, plans against examples/shop-mysql and finds every change
// the docs promise; apply refuses the dropped column without
// --allow-data-loss and changes nothing, then with it runs the whole plan
// (the backfill in batches of 2); afterwards drift exits 0, a second plan
// is empty, the database round-trips through inspect, every row survived
// and the backfilled column holds each customer's mail domain.
func TestExampleShopMySQL(t *testing.T) {
	m := newMySQLTarget(t)
	mysqlExecFile(t, m.url, shopMySQLV1)
	rowCounts := map[string]int64{"categories": 3, "products": 4, "customers": 3, "orders": 3, "order_lines": 4, "product_views": 5}
	for table, want := range rowCounts {
		if n := m.int(t, "SELECT COUNT(*) FROM `"+table+"`"); n != want {
			t.Fatalf("%s holds %d rows after loading %s, want %d", table, n, shopMySQLV1, want)
		}
	}

	code, out, errOut := run(t, "plan", "--url", m.url, "--to", shopMySQLDir, "--format", "json", "--batch-size", "2")
	if code != exitOK {
		t.Fatalf("plan: exit %d\n%s", code, errOut)
	}
	p, err := planner.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("plan JSON: %v\n%s", err, out)
	}
	requireShopMySQLPlan(t, p)

	code, out, errOut = run(t, "apply", "--url", m.url, "--to", shopMySQLDir, "--auto-approve")
	if code != exitRefused || !strings.Contains(errOut, "re-run with --allow-data-loss") {
		t.Fatalf("apply without --allow-data-loss: exit %d, want %d\n%s%s", code, exitRefused, out, errOut)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'customers' AND COLUMN_NAME = 'name'"); n != 1 {
		t.Fatalf("the refused apply changed the database: customers.name is gone")
	}

	code, out, errOut = run(t, "apply", "--url", m.url, "--to", shopMySQLDir, "--auto-approve", "--allow-data-loss", "--batch-size", "2", "--batch-pause", "0")
	if code != exitOK {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"backfill of " + m.name + ".customers done: 3 rows", "post-check: no drift"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("apply's stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", shopMySQLDir); code != exitOK {
		t.Fatalf("drift after apply: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "plan", "--url", m.url, "--to", shopMySQLDir); code != exitOK || !strings.Contains(out, "No changes") {
		t.Fatalf("second plan: exit %d\n%s%s", code, out, errOut)
	}
	roundTrip(t, m.url)

	for table, want := range rowCounts {
		if n := m.int(t, "SELECT COUNT(*) FROM `"+table+"`"); n != want {
			t.Errorf("%s holds %d rows after apply, want %d", table, n, want)
		}
	}
	checks := []struct{ what, query string }{
		{"the backfill filled email_domain from email",
			"SELECT GROUP_CONCAT(CONCAT(id, '=', email_domain) ORDER BY id) = '1=example.org,2=navy.example.mil,3=example.co.uk' FROM customers"},
		{"the renamed column kept its values",
			"SELECT GROUP_CONCAT(full_name ORDER BY id SEPARATOR '|') = 'Ada Lovelace|Grace Hopper|Alan Turing' FROM customers"},
		{"the new nullable column is NULL on old rows", "SELECT COUNT(*) = 0 FROM customers WHERE phone IS NOT NULL"},
		{"the copied prices are unchanged", "SELECT GROUP_CONCAT(price ORDER BY id) = '89.00,24.50,65.00,49.90' FROM products"},
		{"the copied views are unchanged",
			"SELECT GROUP_CONCAT(CONCAT(id, '/', product_id, '/', viewed_at) ORDER BY id) = '1/1/2024-03-01 10:01:12.250,2/2/2024-03-01 10:03:40.000,3/3/2024-03-02 08:15:00.500,4/3/2024-03-02 16:35:09.125,5/4/2024-03-04 21:00:00.000' FROM product_views"},
		{"the order statuses are unchanged", "SELECT GROUP_CONCAT(status ORDER BY id) = 'shipped,paid,pending' FROM orders"},
		{"the SET and JSON values are unchanged",
			"SELECT GROUP_CONCAT(CONCAT(id, ':', tags, ':', COALESCE(JSON_VALUE(attributes, '$.diameter_cm'), '-')) ORDER BY id) = '1:new:-,2:sale,eco:-,3::28,4::-' FROM products"},
	}
	for _, c := range checks {
		if m.int(t, c.query) != 1 {
			t.Errorf("after apply, %s: false\n%s", c.what, c.query)
		}
	}
	m.exec(t, "INSERT INTO customers (email, full_name) VALUES ('new@example.net', 'New Customer')")
	if got := m.int(t, "SELECT COUNT(*) FROM customers WHERE email = 'new@example.net' AND email_domain = ''"); got != 1 {
		t.Errorf("a row inserted after apply does not take email_domain's default ''")
	}
	m.exec(t, "INSERT INTO orders (customer_id, status) VALUES (1, 'refunded')")
	if got := m.int(t, "SELECT COUNT(*) FROM orders WHERE status = 'refunded'"); got != 1 {
		t.Errorf("orders.status does not take the appended member 'refunded'")
	}
}

// TestExampleShopMySQLFromEmpty applies examples/shop-mysql to an empty
// database: every table is created, drift exits 0 and the database
// round-trips through inspect.
func TestExampleShopMySQLFromEmpty(t *testing.T) {
	m := newMySQLTarget(t)
	if code, out, errOut := run(t, "apply", "--url", m.url, "--to", shopMySQLDir, "--auto-approve"); code != exitOK {
		t.Fatalf("apply to an empty database: exit %d\n%s%s", code, out, errOut)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"); n != 6 {
		t.Errorf("%d tables after apply, want 6", n)
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", shopMySQLDir); code != exitOK {
		t.Fatalf("drift after apply: exit %d\n%s%s", code, out, errOut)
	}
	roundTrip(t, m.url)
}
