// A 32-bit foreign key field referencing a 64-bit key.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <optional>

struct Owner {
  std::int64_t id;
};

struct Widget {
  std::int64_t id;
#ifdef DBPUSH_COMPILE_OK
  std::optional<std::int64_t> owner_id;  // nullable foreign key: fine
#else
  std::int32_t owner_id;
#endif
};

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>()));
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
