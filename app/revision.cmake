# Writes OUT (revision.h) with the git revision of SOURCE_DIR as NBC_REVISION: "unknown"
# outside a git checkout (a source tarball). Run at every build; the file is rewritten
# only when the revision changed, so only main.cpp is compiled again then.
execute_process(COMMAND git -C ${SOURCE_DIR} describe --always --dirty --abbrev=12
                OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR revision STREQUAL "")
    set(revision unknown)
endif()
set(content "#pragma once\n#define NBC_REVISION \"${revision}\"\n")
if(EXISTS ${OUT})
    file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${content}")
    file(WRITE ${OUT} "${content}")
endif()
