// ON DELETE SET NULL on a foreign key field that is not std::optional.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <optional>

struct Owner {
  std::int64_t id;
};

struct Widget {
  std::int64_t id;
#ifdef DBPUSH_COMPILE_OK
  std::optional<std::int64_t> owner_id;
#else
  std::int64_t owner_id;
#endif
};

template <>
struct db::model<Widget> {
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::set_null)));
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
