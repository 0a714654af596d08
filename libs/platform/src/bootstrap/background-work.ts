import { type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

const BACKGROUND_WORK = Symbol('hirestream:background-work');

/**
 * Marks a provider whose `onApplicationBootstrap` only starts background work
 * (a timer loop): a process with `ROLE=api` never starts it. Subclasses of a
 * marked class are marked too. Its shutdown hooks still run, so they must
 * cope with never having been started.
 */
export function BackgroundWork(): ClassDecorator {
  return (target) => Reflect.defineMetadata(BACKGROUND_WORK, true, target);
}

function isBackgroundWork(instance: unknown): instance is { onApplicationBootstrap(): unknown } {
  if (typeof instance !== 'object' || instance === null) return false;
  return (
    Reflect.getMetadata(BACKGROUND_WORK, instance.constructor) === true &&
    typeof (instance as { onApplicationBootstrap?: unknown }).onApplicationBootstrap === 'function'
  );
}

/** Keeps every `@BackgroundWork()` provider of the app from starting; call before `app.init()`. */
export function holdBackgroundWork(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const instance: unknown = wrapper.instance;
      if (isBackgroundWork(instance)) instance.onApplicationBootstrap = () => undefined;
    }
  }
}
