"""The class hub's settings, in one place: the local class hub and the Kubernetes values use them.

``tests/hub/test_deploy.py`` checks that ``deploy/z2jh/values.yaml`` says the same. The
figures come from ``benchmarks/bench_class.py`` (see docs/performance.md).
"""

# A server (and its kernels) idle this long is stopped; the student's files stay.
CULL_IDLE_SECONDS = 3600
# How long a student's server may take to start, and to answer once started. Measured
# (docs/performance.md): 60 students following the link together were all started
# within 83 s on 2 busy cores (JupyterHub's default of 30 s fails students from about
# 20); these leave three times that.
START_TIMEOUT_SECONDS = 300
HTTP_TIMEOUT_SECONDS = 240
# Memory per student: what benchmarks/bench_class.py measured for a student's server, its
# kernel and the timer running (docs/performance.md); the guarantee covers it, and the
# limit leaves room for a handout PDF and charts.
MEASURED_MIB_PER_STUDENT = 150
MEM_GUARANTEE = "256M"
MEM_LIMIT = "1G"
CPU_LIMIT = 1.0
# Kernels talk to their server over Unix sockets, not TCP ports: no two kernels can
# race for the same port, however many start at once.
KERNEL_TRANSPORT = "ipc"
# The workbook's repository and branch, and the notebook a student's link opens.
BRANCH = "main"
STUDENT_NOTEBOOK = "03_guided_session"
# The sign-in, the same on one machine and on Kubernetes: each person signs up with a
# password of their own; the instructor (the hub's admin) approves each one.
AUTHENTICATOR = "native"
# told to each student at sign-up, beside the box they tick
PRIVACY = ("Privacy: the instructor, the hub's admin, can open your server and read your "
           "files there, your session log too; other students cannot.")
NATIVE_AUTHENTICATOR = {
    "open_signup": False,  # nobody is in until the instructor approves them
    "minimum_password_length": 8,
    "check_common_password": True,
    "allowed_failed_logins": 5,  # then that name waits a minute before trying again
    "seconds_before_next_try": 60,
    # shown beside a box each student ticks to sign up: the safety line first, then the
    # names the hub takes (accounts.USERNAME_PATTERN), so "María" learns why before trying
    "tos": ("I know this workbook is not medical advice, and I will stop a stretch that "
            "makes my pain sharper or spread down a leg. (Your name here: lower-case "
            "letters, digits, - or _, starting with a letter, such as maria or sam-lee.) "
            + PRIVACY),
}
# Logging out stops the person's server: a copied cookie or token then opens nothing.
SHUTDOWN_ON_LOGOUT = True
# The student's own data (routines, checklists, session log, handouts), in their home
# beside, never inside, the workbook's clone: a pull never meets them.
DATA_FOLDER = "backstretch-data"
