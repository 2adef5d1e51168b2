add_library(samverkan_warnings INTERFACE)
target_compile_options(samverkan_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(SAMVERKAN_WERROR)
  target_compile_options(samverkan_warnings INTERFACE -Werror)
endif()
