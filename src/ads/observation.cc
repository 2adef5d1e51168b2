#include "ads/observation.h"

#include <simdjson.h>

#include <algorithm>
#include <array>

#include "core/calendar.h"

namespace sv::ads {

namespace {

// Field text limits: far above any real ad, low enough that one line cannot hold megabytes in
// one field beyond the line limit itself.
constexpr std::size_t kMaxImages = 64;

std::string TypeName(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "a list";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "a number";
    case T::STRING: return "a string";
    case T::BOOL: return "true or false";
    case T::NULL_VALUE: return "null";
  }
  return "something else";
}

// The fields of the spec in one object, found in one pass over its keys (the first of a key
// that is given twice counts, as simdjson's lookup by key would find it).
struct Fields {
  enum Name { kSite, kAdId, kSeenAt, kBody, kKind, kUrl, kTitle, kLocation, kAge, kPhone, kEmail,
              kPrice, kImages, kCount };
  std::array<simdjson::dom::element, kCount> element{};
  std::array<bool, kCount> given{};

  static int NameOf(std::string_view key) {
    switch (key.size()) {
      case 3:
        if (key == "url") return kUrl;
        if (key == "age") return kAge;
        break;
      case 4:
        if (key == "site") return kSite;
        if (key == "body") return kBody;
        if (key == "kind") return kKind;
        break;
      case 5:
        if (key == "ad_id") return kAdId;
        if (key == "title") return kTitle;
        if (key == "phone") return kPhone;
        if (key == "email") return kEmail;
        if (key == "price") return kPrice;
        break;
      case 6:
        if (key == "images") return kImages;
        break;
      case 7:
        if (key == "seen_at") return kSeenAt;
        break;
      case 8:
        if (key == "location") return kLocation;
        break;
      default: break;
    }
    return -1;
  }

  explicit Fields(simdjson::dom::object& o) {
    for (simdjson::dom::key_value_pair field : o) {
      const int name = NameOf(field.key);
      if (name < 0 || given[static_cast<std::size_t>(name)]) continue;
      given[static_cast<std::size_t>(name)] = true;
      element[static_cast<std::size_t>(name)] = field.value;
    }
  }

  // The field, or nothing when it is absent.
  const simdjson::dom::element* Find(Name name) const {
    return given[name] ? &element[name] : nullptr;
  }
};

// A string field, viewed in the parser's memory; absent or null gives "" unless `required`.
Status ReadText(const Fields& fields, Fields::Name field, std::string_view name, bool required,
                std::string_view& out) {
  out = {};
  const simdjson::dom::element* e = fields.Find(field);
  if (e == nullptr || e->is_null()) {
    if (required) return Status::InvalidInput("is required", std::string(name));
    return {};
  }
  if (e->get(out) != simdjson::SUCCESS) {
    return Status::InvalidInput("must be a string, not " + TypeName(e->type()), std::string(name));
  }
  return {};
}

// The same, copied into `out`.
Status ReadString(const Fields& fields, Fields::Name field, std::string_view name, bool required,
                  std::string& out) {
  std::string_view text;
  SV_RETURN_IF_ERROR(ReadText(fields, field, name, required, text));
  out.assign(text);
  return {};
}

}  // namespace

std::string_view AdKindName(AdKind k) {
  switch (k) {
    case AdKind::kEscort: return "escort";
    case AdKind::kSugar: return "sugar";
    case AdKind::kOther: return "other";
  }
  return "escort";
}

struct ObservationParser::Impl {
  simdjson::dom::parser parser;
  std::size_t max_line_bytes;
};

ObservationParser::ObservationParser(std::size_t max_line_bytes)
    : impl_(std::make_unique<Impl>()) {
  impl_->max_line_bytes = max_line_bytes;
}

ObservationParser::~ObservationParser() = default;

Result<Observation> ObservationParser::Parse(std::string_view line) {
  Observation ob;
  SV_RETURN_IF_ERROR(ParseInto(line, ob));
  return ob;
}

Status ObservationParser::ParseInto(std::string_view line, Observation& ob) {
  if (line.size() > impl_->max_line_bytes) {
    return Status::InvalidInput("the line is " + std::to_string(line.size()) +
                                " bytes, over the limit of " +
                                std::to_string(impl_->max_line_bytes));
  }
  // Capacity grows with the longest line seen, up to the limit; the depth is fixed.
  if (line.size() > impl_->parser.capacity() || impl_->parser.max_depth() != kMaxNesting) {
    const std::size_t capacity = std::max<std::size_t>(line.size(), 64 * 1024);
    if (impl_->parser.allocate(capacity, kMaxNesting) != simdjson::SUCCESS) {
      return Status::Internal("out of memory for a line of " + std::to_string(line.size()) +
                              " bytes");
    }
  }
  simdjson::dom::element root;
  const simdjson::error_code parsed = impl_->parser.parse(line.data(), line.size()).get(root);
  if (parsed != simdjson::SUCCESS) {
    std::string why = simdjson::error_message(parsed);
    if (parsed == simdjson::DEPTH_ERROR) {
      why = "nested deeper than " + std::to_string(kMaxNesting) + " levels";
    } else if (parsed == simdjson::UTF8_ERROR) {
      why = "not valid UTF-8";
    }
    return Status::InvalidInput("not a JSON object: " + why);
  }
  simdjson::dom::object o;
  if (root.get(o) != simdjson::SUCCESS) {
    return Status::InvalidInput("not a JSON object but " + TypeName(root.type()));
  }
  const Fields f(o);

  // Every field is set (to "" when absent), so that `ob` may be reused from line to line.
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kSite, "site", true, ob.site));
  if (ob.site.empty()) return Status::InvalidInput("must not be empty", "site");
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kAdId, "ad_id", true, ob.ad_id));
  if (ob.ad_id.empty()) return Status::InvalidInput("must not be empty", "ad_id");
  std::string_view seen;
  SV_RETURN_IF_ERROR(ReadText(f, Fields::kSeenAt, "seen_at", true, seen));
  Result<TimePoint> at = ParseRfc3339(seen, "seen_at");
  if (!at.ok()) return at.status();
  ob.seen_at = *at;
  // The body is required but may be empty.
  if (f.Find(Fields::kBody) == nullptr) return Status::InvalidInput("is required", "body");
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kBody, "body", true, ob.body));

  std::string_view kind;
  SV_RETURN_IF_ERROR(ReadText(f, Fields::kKind, "kind", false, kind));
  if (kind.empty() || kind == "escort") {
    ob.kind = AdKind::kEscort;
  } else if (kind == "sugar") {
    ob.kind = AdKind::kSugar;
  } else if (kind == "other") {
    ob.kind = AdKind::kOther;
  } else {
    return Status::InvalidInput("must be escort, sugar or other", "kind");
  }
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kUrl, "url", false, ob.url));
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kTitle, "title", false, ob.title));
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kLocation, "location", false, ob.location));
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kPhone, "phone", false, ob.phone));
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kEmail, "email", false, ob.email));
  SV_RETURN_IF_ERROR(ReadString(f, Fields::kPrice, "price", false, ob.price));

  // The age field as shown: a string, or a number.
  ob.age.clear();
  const simdjson::dom::element* age = f.Find(Fields::kAge);
  if (age != nullptr && !age->is_null()) {
    int64_t whole = 0;
    double number = 0;
    std::string_view text;
    if (age->get(text) == simdjson::SUCCESS) {
      ob.age.assign(text);
    } else if (age->get(whole) == simdjson::SUCCESS) {
      ob.age = std::to_string(whole);
    } else if (age->get(number) == simdjson::SUCCESS) {
      // A fraction is cut to whole years; a number no age can be (found by fuzzing: 1.9e96
      // overflowed the conversion) is not an age and is left out.
      if (number >= 0 && number < 1000) ob.age = std::to_string(static_cast<int64_t>(number));
    } else {
      return Status::InvalidInput("must be a string or a number, not " + TypeName(age->type()),
                                  "age");
    }
  }

  // The image strings of the last line are written over rather than freed, keeping their memory.
  std::size_t image_count = 0;
  const simdjson::dom::element* images = f.Find(Fields::kImages);
  if (images != nullptr && !images->is_null()) {
    simdjson::dom::array list;
    if (images->get(list) != simdjson::SUCCESS) {
      return Status::InvalidInput("must be a list of strings", "images");
    }
    for (simdjson::dom::element item : list) {
      std::string_view hash;
      if (item.get(hash) != simdjson::SUCCESS) {
        return Status::InvalidInput("must be a list of strings", "images");
      }
      if (image_count == kMaxImages) {
        return Status::InvalidInput("at most " + std::to_string(kMaxImages) + " images",
                                    "images");
      }
      if (image_count < ob.images.size()) {
        ob.images[image_count].assign(hash);
      } else {
        ob.images.emplace_back(hash);
      }
      ++image_count;
    }
  }
  ob.images.resize(image_count);
  return Status::Ok();
}

}  // namespace sv::ads
