// A rows-only reset interrupted in the middle of its DELETEs (here by a
// progress handler the test installed; in life sqlite3_interrupt or an
// allocation failure) runs without a rollback journal: what the DELETEs left is
// kept, and the full reset that follows makes the database anew.
#include "sqlite/reset_support.hpp"

using namespace sqlite_test;

namespace {

// Interrupts the first DELETE that starts on the connection, once.
class interrupt_first_delete {
 public:
  explicit interrupt_first_delete(SQLite::Database& db) : handle_(db.getHandle()) {
    sqlite3_trace_v2(handle_, SQLITE_TRACE_STMT, &on_statement, this);
    sqlite3_progress_handler(handle_, 1, &on_progress, this);
  }
  ~interrupt_first_delete() {
    sqlite3_progress_handler(handle_, 0, nullptr, nullptr);
    sqlite3_trace_v2(handle_, 0, nullptr, nullptr);
  }
  interrupt_first_delete(const interrupt_first_delete&) = delete;
  interrupt_first_delete& operator=(const interrupt_first_delete&) = delete;
  bool interrupted() const { return interrupted_; }

 private:
  static int on_statement(unsigned, void* self, void*, void* sql) {
    static_cast<interrupt_first_delete*>(self)->in_delete_ = std::string_view(static_cast<const char*>(sql)).starts_with("DELETE");
    return 0;
  }
  static int on_progress(void* self) {
    auto& state = *static_cast<interrupt_first_delete*>(self);
    if (!state.in_delete_ || state.interrupted_) return 0;
    state.interrupted_ = true;
    return 1;
  }
  sqlite3* handle_;
  bool in_delete_ = false;
  bool interrupted_ = false;
};

}  // namespace

TEST_CASE("sqlite reset interrupted during its DELETEs still ends in the pushed schema with no rows") {
  for (const bool foreign_keys : {false, true}) {
    CAPTURE(foreign_keys);
    memory_connection m(foreign_keys);
    db::sqlite::testing::reset(m.conn, blog());
    seed_blog(m.conn);
    db::sqlite::testing::reset(m.conn, blog());
    const auto pushed = schema_rows(m.conn);
    seed_blog(m.conn);
    {
      interrupt_first_delete interrupt(m.conn);
      db::sqlite::testing::reset(m.conn, blog());
      CHECK(interrupt.interrupted());
    }
    // The full reset followed: it replaced the kept statements, which are
    // prepared again at the next rows-only reset.
    CHECK(unfinalized_statements(m.conn) == 0);
    CHECK(schema_rows(m.conn) == pushed);
    check_blog_empty(m.conn, foreign_keys);
    CHECK(rows(m.conn, "PRAGMA main.journal_mode") == std::vector<std::string>{"'memory'"});
    CHECK(rows(m.conn, "PRAGMA integrity_check") == std::vector<std::string>{"'ok'"});
    // The next reset deletes rows again with kept statements.
    seed_blog(m.conn);
    db::sqlite::testing::reset(m.conn, blog());
    check_blog_empty(m.conn, foreign_keys);
    CHECK(unfinalized_statements(m.conn) == blog_reset_statements);
  }
}
