#include "app/ads_synth_command.h"

#include <fstream>
#include <ostream>
#include <vector>

#include "ads/synth.h"

namespace sv::app {

namespace {

// Large buffers: a corpus of a million ads is gigabytes, written in small appends.
constexpr std::size_t kFileBuffer = 1 << 20;

}  // namespace

int RunAdsSynth(int64_t count, uint64_t seed, const std::string& truth, const std::string& output,
                std::ostream& out, std::ostream& err) {
  if (count < 0) {
    err << "samverkan: --count must be 0 or more, not " << count << "\n";
    return 2;
  }
  std::vector<char> out_buffer(kFileBuffer), truth_buffer(kFileBuffer);
  std::ofstream file, truth_file;
  std::ostream* to = &out;
  if (!output.empty() && output != "-") {
    file.rdbuf()->pubsetbuf(out_buffer.data(), static_cast<std::streamsize>(out_buffer.size()));
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "samverkan: cannot write " << output << "\n";
      return 2;
    }
    to = &file;
  }
  if (!truth.empty()) {
    truth_file.rdbuf()->pubsetbuf(truth_buffer.data(),
                                  static_cast<std::streamsize>(truth_buffer.size()));
    truth_file.open(truth, std::ios::binary | std::ios::trunc);
    if (!truth_file) {
      err << "samverkan: cannot write " << truth << "\n";
      return 2;
    }
  }
  ads::WriteSynthCorpus({.count = count, .seed = seed}, *to,
                        truth.empty() ? nullptr : &truth_file);
  to->flush();
  if (!truth.empty()) truth_file.flush();
  if (!*to || (!truth.empty() && !truth_file)) {
    err << "samverkan: writing the corpus failed\n";
    return 1;
  }
  err << "synthetic ads: " << count << " (seed " << seed << ")";
  if (!truth.empty()) err << ", truth in " << truth;
  err << "\n";
  return 0;
}

}  // namespace sv::app
