// Two defaults on one field: the second would replace the first.
#include <dbpush/dbpush.hpp>

#include <chrono>
#include <cstdint>

struct Widget {
  std::int64_t id;
  std::chrono::sys_seconds created_at;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::created_at>(db::default_now));
#else
  static constexpr auto fields =
      db::fields(db::field<&Widget::created_at>(db::default_now, db::default_value("2024-01-01 00:00:00")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
