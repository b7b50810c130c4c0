// An index written among the foreign keys.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto foreign_keys =
      db::foreign_keys(db::foreign_key_on<&Widget::owner_id>(db::references<&Owner::id>()));
#else
  static constexpr auto foreign_keys = db::foreign_keys(db::index_on<&Widget::owner_id>());
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
