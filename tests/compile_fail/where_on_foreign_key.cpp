// db::where on a foreign key (it used to be dropped without a word).
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Owner {
  std::int64_t id;
  std::int64_t region;
};

struct Widget {
  std::int64_t id;
  std::int64_t owner_id;
  std::int64_t owner_region;
};

template <>
struct db::model<Owner> {
  static constexpr auto indexes = db::indexes(db::unique_on<&Owner::id, &Owner::region>());
};

template <>
struct db::model<Widget> {
  static constexpr auto foreign_keys = db::foreign_keys(db::foreign_key_on<&Widget::owner_id, &Widget::owner_region>(
      db::references<&Owner::id, &Owner::region>(),
#ifdef DBPUSH_COMPILE_OK
      db::named("widget_owner")));
#else
      db::where("owner_id > 0")));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
