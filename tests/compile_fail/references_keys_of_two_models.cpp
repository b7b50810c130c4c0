// The keys of one foreign key in two models.
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Owner {
  std::int64_t id;
  std::int64_t region;
};

struct Region {
  std::int64_t id;
};

struct Widget {
  std::int64_t id;
  std::int64_t owner_id;
  std::int64_t region_id;
};

template <>
struct db::model<Owner> {
  static constexpr auto indexes = db::indexes(db::unique_on<&Owner::id, &Owner::region>());
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&Widget::owner_id, &Widget::region_id>(db::references<&Owner::id, &Owner::region>()));
#else
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&Widget::owner_id, &Widget::region_id>(db::references<&Owner::id, &Region::id>()));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner, Region>(db::dialect::sqlite); }
