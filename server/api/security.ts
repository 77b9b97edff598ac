import express, { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';

// HTTP hardening (OWASP ASVS level 2): strict CSP with no inline scripts, no framing,
// no base-uri, no referrer leaks; small bodies; rate limits on the API.

export interface SecurityOptions {
  /** Requests per minute per client on /api; unset or 0 = no limit (`npm start` sets it from config). */
  apiRequestsPerMinute?: number;
}

export function securityMiddleware(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // React sets chart styles through the CSSOM, which CSP allows; no inline <style> is needed.
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether HTTPS is in use
    }),
    express.json({ limit: '100kb' }),
    express.urlencoded({ extended: false, limit: '100kb' }),
  ];
}

export function apiRateLimit(options: SecurityOptions = {}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.apiRequestsPerMinute ?? 1200,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { error: 'Too many requests: wait a minute and try again' },
  });
}
