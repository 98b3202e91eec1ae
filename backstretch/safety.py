"""The safety notes shown in the workbook, handouts and class view."""

NOT_ADVICE = (
    "This workbook is not medical advice and does not replace a clinician who has "
    "examined you. If you are unsure whether stretching suits your back, ask one first."
)

STOP_SIGNS = (
    "Pain that sharpens instead of easing as you hold.",
    "Pain, tingling or numbness that travels down a leg.",
    "Any new numbness or pins and needles.",
)
"""Stop the stretch at once if any of these happens; mild pulling is expected, pain is not."""

RED_FLAGS = (
    "Numbness around the groin, buttocks or inner thighs (the saddle area).",
    "New trouble passing urine, or losing control of your bladder or bowels.",
    "Weakness or numbness in one or both legs that is getting worse.",
    "Back pain together with a fever or feeling generally unwell.",
    "Pain that began after a serious fall, crash or other accident.",
    "Unexplained weight loss, or a past cancer.",
    "Pain that is constant and severe, worse at night or when resting.",
)
"""Symptoms that need a clinician promptly (NICE NG59 and common practice), not a routine."""
