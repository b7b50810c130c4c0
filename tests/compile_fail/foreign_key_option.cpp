// A field annotation given to a foreign key.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&Widget::owner_id>(db::references<&Owner::id>(), db::named("widget_owner")));
#else
  static constexpr auto foreign_keys =
      db::foreign_keys(db::foreign_key_on<&Widget::owner_id>(db::references<&Owner::id>(), db::unique));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
