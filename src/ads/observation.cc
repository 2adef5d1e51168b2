#include "ads/observation.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>

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
        if (Is(key, "url")) return kUrl;
        if (Is(key, "age")) return kAge;
        break;
      case 4:
        if (Is(key, "site")) return kSite;
        if (Is(key, "body")) return kBody;
        if (Is(key, "kind")) return kKind;
        break;
      case 5:
        if (Is(key, "ad_id")) return kAdId;
        if (Is(key, "title")) return kTitle;
        if (Is(key, "phone")) return kPhone;
        if (Is(key, "email")) return kEmail;
        if (Is(key, "price")) return kPrice;
        break;
      case 6:
        if (Is(key, "images")) return kImages;
        break;
      case 7:
        if (Is(key, "seen_at")) return kSeenAt;
        break;
      case 8:
        if (Is(key, "location")) return kLocation;
        break;
      default: break;
    }
    return -1;
  }

  // Whether `key`, of the length of `name`, is `name`: a memcmp of a constant length, which the
  // compiler makes one or two loads (string_view's == called memcmp, for every key of a line).
  template <std::size_t N>
  static bool Is(std::string_view key, const char (&name)[N]) {
    return std::memcmp(key.data(), name, N - 1) == 0;
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

// A string field, viewed in the parser's memory ("" when absent or null); false when it is
// something else, or absent or null though `required` (TextError tells which). Not a Status: a
// Status is three strings, made and destroyed on every call, which cost more than reading the
// field did; only a bad field makes one.
bool ReadText(const Fields& fields, Fields::Name field, bool required, std::string_view& out) {
  out = {};
  const simdjson::dom::element* e = fields.Find(field);
  if (e == nullptr || e->is_null()) return !required;
  return e->get(out) == simdjson::SUCCESS;
}

// The same, copied into `out`.
bool ReadString(const Fields& fields, Fields::Name field, bool required, std::string& out) {
  std::string_view text;
  if (!ReadText(fields, field, required, text)) return false;
  out.assign(text);
  return true;
}

// What ReadText refused in `field`, called `name`.
Status TextError(const Fields& fields, Fields::Name field, std::string_view name) {
  const simdjson::dom::element* e = fields.Find(field);
  if (e == nullptr || e->is_null()) return Status::InvalidInput("is required", std::string(name));
  return Status::InvalidInput("must be a string, not " + TypeName(e->type()), std::string(name));
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

std::size_t ObservationParser::max_line_bytes() const { return impl_->max_line_bytes; }

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
  if (!ReadString(f, Fields::kSite, true, ob.site)) return TextError(f, Fields::kSite, "site");
  if (ob.site.empty()) return Status::InvalidInput("must not be empty", "site");
  if (!ReadString(f, Fields::kAdId, true, ob.ad_id)) return TextError(f, Fields::kAdId, "ad_id");
  if (ob.ad_id.empty()) return Status::InvalidInput("must not be empty", "ad_id");
  std::string_view seen;
  if (!ReadText(f, Fields::kSeenAt, true, seen)) return TextError(f, Fields::kSeenAt, "seen_at");
  Result<TimePoint> at = ParseRfc3339(seen, "seen_at");
  if (!at.ok()) return at.status();
  ob.seen_at = *at;
  // The body is required but may be empty.
  if (!ReadString(f, Fields::kBody, true, ob.body)) return TextError(f, Fields::kBody, "body");

  std::string_view kind;
  if (!ReadText(f, Fields::kKind, false, kind)) return TextError(f, Fields::kKind, "kind");
  if (kind.empty() || kind == "escort") {
    ob.kind = AdKind::kEscort;
  } else if (kind == "sugar") {
    ob.kind = AdKind::kSugar;
  } else if (kind == "other") {
    ob.kind = AdKind::kOther;
  } else {
    return Status::InvalidInput("must be escort, sugar or other", "kind");
  }
  if (!ReadString(f, Fields::kUrl, false, ob.url)) return TextError(f, Fields::kUrl, "url");
  if (!ReadString(f, Fields::kTitle, false, ob.title)) {
    return TextError(f, Fields::kTitle, "title");
  }
  if (!ReadString(f, Fields::kLocation, false, ob.location)) {
    return TextError(f, Fields::kLocation, "location");
  }
  if (!ReadString(f, Fields::kPhone, false, ob.phone)) {
    return TextError(f, Fields::kPhone, "phone");
  }
  if (!ReadString(f, Fields::kEmail, false, ob.email)) {
    return TextError(f, Fields::kEmail, "email");
  }
  if (!ReadString(f, Fields::kPrice, false, ob.price)) {
    return TextError(f, Fields::kPrice, "price");
  }

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
