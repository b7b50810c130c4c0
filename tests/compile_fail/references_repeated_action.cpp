// Two on_delete actions (the second would replace the first).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::cascade)));
#else
  static constexpr auto fields = db::fields(
      db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::cascade, db::on_delete::restrict)));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
