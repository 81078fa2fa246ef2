package mytest

import (
	"context"
	"testing"
	"time"
)

// pluginLock is the server-wide user-level lock that serialises the tests
// depending on whether MariaDB's metadata_lock_info plugin is installed:
// the plugin is server-wide too, and test packages run in parallel.
const pluginLock = "tide_test.metadata_lock_info"

// MetadataLockInfo makes the test the only one on the server (among those
// calling it) that depends on MariaDB's metadata_lock_info plugin, until it
// ends. With install, the plugin is installed (INSTALL SONAME) for the test
// and uninstalled after it, unless it was installed before; the test is
// skipped, saying why, when the server refuses to install it (not MariaDB,
// no plugin library, no privilege). Without install, the test needs the
// plugin absent and is skipped when something other than a test installed
// it.
func MetadataLockInfo(t testing.TB, install bool) {
	t.Helper()
	ctx := context.Background()
	conn, err := Open(t, ServerURL()).Conn(ctx)
	if err != nil {
		t.Fatalf("mytest: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	var got int
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 600)", pluginLock).Scan(&got); err != nil || got != 1 {
		t.Fatalf("mytest: GET_LOCK(%s): %d, %v", pluginLock, got, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", pluginLock)
	})
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.PLUGINS
WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'`).Scan(&n); err != nil {
		t.Fatalf("mytest: %v", err)
	}
	switch {
	case install && n == 0:
		if _, err := conn.ExecContext(ctx, "INSTALL SONAME 'metadata_lock_info'"); err != nil {
			t.Skipf("mytest: the test server refuses to install MariaDB's metadata_lock_info plugin (%v); this test needs it", err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if _, err := conn.ExecContext(ctx, "UNINSTALL SONAME 'metadata_lock_info'"); err != nil {
				t.Errorf("mytest: uninstall the metadata_lock_info plugin: %v", err)
			}
		})
	case !install && n > 0:
		t.Skip("mytest: MariaDB's metadata_lock_info plugin is installed on the test server (not by a test); this test needs it absent")
	}
}
