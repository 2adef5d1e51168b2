# Makes the reference fixtures of the GLM engine (src/stats): for each case a folder with the data
# (data.csv) and what R computes for it (expected.json): every estimate and standard error, the
# dispersion, θ, the deviance and the counterfactual. The data are synthetic (fixed seed) except
# sicily.csv (see README.md). The design is built here from the columns, independently of the C++
# design builder, with the term names and order of spec/stats.md.
#
# Run from this folder:  Rscript make_fixtures.R
# Needs R >= 4.2 with MASS and sandwich (Debian: apt-get install r-base-core r-cran-mass
# r-cran-sandwich). The tests read the files; they never run R.
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})

control <- glm.control(epsilon = 1e-14, maxit = 25)

num <- function(x) if (is.null(x) || length(x) == 0) "null" else sprintf("%.17g", x)
str <- function(x) if (is.null(x)) "null" else sprintf("\"%s\"", x)
arr <- function(items) paste0("[", paste(items, collapse = ", "), "]")

# The regressors of spec/stats.md from the columns named in `o` (the command-line options).
design <- function(d, o) {
  x <- data.frame(intervention = d[[o$intervention]], time = d[[o$time]])
  if (isTRUE(o$slope_change)) {
    on <- d[[o$intervention]]
    t0 <- max(d[[o$time]][on == 0 & d[[o$time]] < min(d[[o$time]][on == 1])])
    x$time_after <- (d[[o$time]] - t0) * on
  }
  seasonal <- character(0)
  if (!is.null(o$season)) {
    s <- d[[o$season$column]]
    for (k in seq_len(o$season$harmonics)) {
      x[[paste0("sin_", k)]] <- sin(2 * pi * k * s / o$season$period)
    }
    for (k in seq_len(o$season$harmonics)) {
      x[[paste0("cos_", k)]] <- cos(2 * pi * k * s / o$season$period)
    }
    seasonal <- c(paste0("sin_", seq_len(o$season$harmonics)),
                  paste0("cos_", seq_len(o$season$harmonics)))
  }
  for (cv in o$covariates) x[[cv]] <- d[[cv]]
  terms <- names(x)
  if (!is.null(o$group)) {
    x$group <- d[[o$group]]
    terms <- c(terms, "group", paste0("group:", c("time", seasonal, "intervention")))
  }
  x$y <- d[[o$count]]
  x$log_offset <- if (is.null(o$offset)) 0 else log(d[[o$offset]])
  list(frame = x, terms = terms)
}

fixture <- function(name, d, o) {
  dir.create(name, showWarnings = FALSE)
  write.csv(d, file.path(name, "data.csv"), row.names = FALSE, quote = FALSE)
  des <- design(d, o)
  quoted <- vapply(strsplit(des$terms, ":", fixed = TRUE),
                   function(parts) paste(sprintf("`%s`", parts), collapse = ":"), "")
  f <- as.formula(paste("y ~", paste(quoted, collapse = " + "),
                        "+ offset(log_offset)"))
  fam <- if (o$family == "negbin") NULL else get(o$family)()
  fit <- if (o$family == "negbin") {
    glm.nb(f, data = des$frame, control = control)
  } else {
    glm(f, family = fam, data = des$frame, control = control)
  }
  stopifnot(fit$converged, !any(is.na(coef(fit))))
  # R names an interaction after the formula's order of its variables ("time:group"); the
  # spec's name puts the group first.
  names_r <- vapply(strsplit(gsub("`", "", names(coef(fit))), ":", fixed = TRUE), function(v) {
    if (length(v) == 2 && v[2] == "group") paste0("group:", v[1]) else paste(v, collapse = ":")
  }, "")
  stopifnot(identical(names_r, c("(Intercept)", des$terms)))
  dispersion <- if (o$family == "quasipoisson") summary(fit)$dispersion else 1
  vc <- if (!is.null(o$hac_lag)) {
    NeweyWest(fit, lag = o$hac_lag, prewhite = FALSE, adjust = FALSE)
  } else {
    vcov(fit)
  }
  est <- coef(fit)
  se <- sqrt(diag(vc))
  p <- 2 * pnorm(-abs(est / se))
  # The counterfactual: the intervention terms set to zero, the offset kept.
  mm <- model.matrix(fit)
  mm[, names_r %in% c("intervention", "time_after", "group:intervention")] <- 0
  counterfactual <- as.vector(exp(mm %*% est + des$frame$log_offset))

  opt <- c(
    sprintf("\"count\": %s", str(o$count)), sprintf("\"time\": %s", str(o$time)),
    sprintf("\"intervention\": %s", str(o$intervention)),
    sprintf("\"offset\": %s", str(o$offset)),
    sprintf("\"slope_change\": %s", if (isTRUE(o$slope_change)) "true" else "false"),
    sprintf("\"season\": %s", if (is.null(o$season)) "null" else
      sprintf("{\"column\": %s, \"harmonics\": %d, \"period\": %s}", str(o$season$column),
              as.integer(o$season$harmonics), num(o$season$period))),
    sprintf("\"covariates\": %s", arr(vapply(o$covariates, str, ""))),
    sprintf("\"group\": %s", str(o$group)),
    sprintf("\"family\": %s", str(o$family)),
    sprintf("\"hac_lag\": %s", num(o$hac_lag)))
  coefs <- sprintf("    {\"term\": \"%s\", \"estimate\": %s, \"std_error\": %s, \"p_value\": %s}",
                   names_r, num(est), num(se), num(p))
  json <- paste0(
    "{\n  \"made_by\": \"make_fixtures.R\", \"r_version\": \"", R.version$major, ".",
    R.version$minor, "\",\n  \"options\": {", paste(opt, collapse = ", "), "},\n",
    "  \"n\": ", nrow(d), ", \"df_residual\": ", fit$df.residual,
    ", \"dispersion\": ", num(dispersion), ", \"deviance\": ", num(deviance(fit)),
    ", \"iterations\": ", fit$iter,
    ", \"theta\": ", if (o$family == "negbin") num(fit$theta) else "null", ",\n",
    "  \"coefficients\": [\n", paste(coefs, collapse = ",\n"), "\n  ],\n",
    "  \"counterfactual\": ", arr(num(counterfactual)), "\n}\n")
  writeLines(json, file.path(name, "expected.json"), sep = "")
  cat(name, ": ", nrow(d), " rows, ", length(est), " terms\n", sep = "")
}

# Weekly active ads in one municipality: a trend, a yearly season, a drop when joint operations
# start in week `start`, counts drawn with overdispersion `size` (Inf: Poisson) and, with `ar`,
# an autocorrelated multiplicative noise (ads that stay up for weeks).
weekly_ads <- function(weeks, start, level, trend, drop, slope, size, ar = 0, amplitude = 0.15,
                       population = NULL) {
  week <- seq_len(weeks)
  operation <- as.integer(week >= start)
  noise <- as.vector(stats::filter(rnorm(weeks, sd = 0.08), ar, method = "recursive"))
  log_mu <- log(level) + trend * week + drop * operation +
    slope * pmax(0, week - (start - 1)) + amplitude * sin(2 * pi * week / 52) +
    0.5 * amplitude * cos(4 * pi * week / 52) + if (ar > 0) noise else 0
  mu <- exp(log_mu)
  if (!is.null(population)) mu <- mu * population / mean(population)
  ads <- if (is.infinite(size)) rpois(weeks, mu) else rnbinom(weeks, mu = mu, size = size)
  data.frame(week = week, week_of_year = (week - 1) %% 52 + 1, active_ads = ads,
             operation = operation)
}

set.seed(20261129)

# Poisson with a population offset: a municipality that grows.
d <- weekly_ads(130, 79, 40, 0.002, -0.25, 0, Inf)
d$population <- round(seq(52000, 55500, length.out = 130))
d$active_ads <- rpois(130, 40 * exp(0.002 * d$week - 0.25 * d$operation) * d$population / 52000)
fixture("poisson_offset", d, list(count = "active_ads", time = "week", intervention = "operation",
                                   offset = "population", family = "poisson"))

# Quasi-Poisson with a slope change, two Fourier pairs and a holiday covariate.
d <- weekly_ads(156, 100, 60, 0.001, -0.2, -0.004, 25)
d$holiday <- as.integer(d$week_of_year %in% c(1, 26, 27, 52))
fixture("quasipoisson_season_slope", d,
        list(count = "active_ads", time = "week", intervention = "operation", slope_change = TRUE,
             season = list(column = "week_of_year", harmonics = 2, period = 52),
             covariates = "holiday", family = "quasipoisson"))

# Negative binomial (θ about 8) with a slope change and one Fourier pair.
d <- weekly_ads(208, 131, 25, 0.0015, -0.3, -0.003, 8)
fixture("negbin_season_slope", d,
        list(count = "active_ads", time = "week", intervention = "operation", slope_change = TRUE,
             season = list(column = "week_of_year", harmonics = 1, period = 52),
             family = "negbin"))

# Autocorrelated counts: Poisson and quasi-Poisson with Newey–West standard errors (the two
# give the same HAC standard errors: sandwich's dispersion cancels).
d <- weekly_ads(182, 105, 80, 0.001, -0.15, 0, Inf, ar = 0.7)
hac <- list(count = "active_ads", time = "week", intervention = "operation",
            season = list(column = "week_of_year", harmonics = 2, period = 52), hac_lag = 4)
fixture("poisson_hac_season", d, c(hac, family = "poisson"))
fixture("quasipoisson_hac_season", d, c(hac, family = "quasipoisson"))

# Autocorrelated overdispersed counts: negative binomial with Newey–West lag 3 and a slope change,
# and Poisson with lag 0, which is HC0 (sandwich::sandwich).
d <- weekly_ads(160, 90, 30, 0.001, -0.25, -0.002, 10, ar = 0.5)
fixture("negbin_hac_slope", d,
        list(count = "active_ads", time = "week", intervention = "operation", slope_change = TRUE,
             family = "negbin", hac_lag = 3))
fixture("poisson_hc0", d,
        list(count = "active_ads", time = "week", intervention = "operation", family = "poisson",
             hac_lag = 0))

# Controlled design: the treated municipality (group 1) and a control one (group 0) in long
# format, one row per municipality and week; operations only in the treated one, `period` marks
# the weeks from the start on in both.
controlled <- function(weeks, start, size, population = list(NULL, NULL)) {
  treated <- weekly_ads(weeks, start, 50, 0.002, -0.3, 0, size, population = population[[1]])
  control <- weekly_ads(weeks, start, 35, 0.002, 0, 0, size, population = population[[2]])
  treated$treated <- 1L
  control$treated <- 0L
  control$operation <- treated$operation
  d <- rbind(treated, control)
  names(d)[names(d) == "operation"] <- "period"
  d
}
d <- controlled(120, 70, 30)
fixture("controlled_quasipoisson", d,
        list(count = "active_ads", time = "week", intervention = "period",
             season = list(column = "week_of_year", harmonics = 1, period = 52),
             group = "treated", family = "quasipoisson"))
# Growing populations (the offset) that also drive the counts.
populations <- list(130000 + 50 * seq_len(104), 90000 + 50 * seq_len(104))
d <- controlled(104, 60, 12, populations)
d$population <- c(populations[[1]], populations[[2]])
fixture("controlled_negbin_hac", d,
        list(count = "active_ads", time = "week", intervention = "period", offset = "population",
             slope_change = TRUE, group = "treated", family = "negbin", hac_lag = 2))

# The tutorial data (Lopez Bernal et al. 2017): the models of ../../../../shared/data/README.md.
sicily <- read.csv("sicily.csv")
fixture("sicily_quasipoisson_season", sicily,
        list(count = "aces", time = "time", intervention = "smokban", offset = "stdpop",
             season = list(column = "month", harmonics = 2, period = 12),
             family = "quasipoisson"))
fixture("sicily_poisson_hac", sicily,
        list(count = "aces", time = "time", intervention = "smokban", offset = "stdpop",
             season = list(column = "month", harmonics = 2, period = 12),
             family = "poisson", hac_lag = 2))
fixture("sicily_negbin_slope", sicily,
        list(count = "aces", time = "time", intervention = "smokban", offset = "stdpop",
             slope_change = TRUE, family = "negbin"))
