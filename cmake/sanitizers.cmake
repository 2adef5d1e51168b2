# SAMVERKAN_SANITIZE: "" (none), "address,undefined" (debug preset) or "thread" (tsan preset).
set(SAMVERKAN_SANITIZE "" CACHE STRING "Sanitizers to build with")
if(SAMVERKAN_SANITIZE)
  add_compile_options(-fsanitize=${SAMVERKAN_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${SAMVERKAN_SANITIZE})
  if(SAMVERKAN_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
