import { describe, expect, it } from 'vitest';
import { Feature } from '../../../runtime/router/core/features.js';
import {
  BROKER_FEATURES,
  DEALER_FEATURES,
  parseFeatures,
  welcomeRoles,
} from '../../../runtime/router/session/session-features.js';

describe('parseFeatures', () => {
  it('reads the roles a client announces', () => {
    const bits = parseFeatures({ caller: {}, subscriber: {} });
    expect(bits & Feature.CALLER).toBeTruthy();
    expect(bits & Feature.SUBSCRIBER).toBeTruthy();
    expect(bits & Feature.CALLEE).toBe(0);
  });

  it('reads callee call_canceling and progressive results', () => {
    const bits = parseFeatures({
      callee: { features: { call_canceling: true, progressive_call_results: true } },
    });
    expect(bits & Feature.CALLEE_CANCELING).toBeTruthy();
    expect(bits & Feature.CALLEE_PROGRESSIVE_RESULTS).toBeTruthy();
  });

  it('ignores features announced with a value other than true', () => {
    expect(parseFeatures({ callee: { features: { call_canceling: 1 } } }) & Feature.CALLEE_CANCELING).toBe(0);
  });

  it('does not mistake a caller feature for a callee one', () => {
    expect(parseFeatures({ caller: { features: { call_canceling: true } } }) & Feature.CALLEE_CANCELING).toBe(
      0,
    );
  });
});

describe('router feature announcement (D.0)', () => {
  it('announces session_meta_api under both broker and dealer', () => {
    expect(BROKER_FEATURES.session_meta_api).toBe(true);
    expect(DEALER_FEATURES.session_meta_api).toBe(true);
  });

  it('spells call_canceling with one L and testament_meta_api under the dealer', () => {
    expect(Object.keys(DEALER_FEATURES)).toContain('call_canceling');
    expect(Object.keys(DEALER_FEATURES)).not.toContain('call_cancelling');
    expect(DEALER_FEATURES.testament_meta_api).toBe(true);
  });

  it('builds a fresh roles object for every WELCOME', () => {
    const a = welcomeRoles();
    const b = welcomeRoles();
    expect(a).toEqual(b);
    expect(a.broker.features).not.toBe(b.broker.features);
  });
});
