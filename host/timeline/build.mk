# host/timeline/: the whole-handover timeline (baton-agent verify
# --timeline): the record, its JSON and its SVG bar chart, and their test.
HOSTLIB_SRCS	+= host/timeline/handover_timeline.c \
		   host/timeline/timeline_json.c host/timeline/timeline_svg.c
UNIT_TESTS	+= test_timeline_svg
