export * from './display.h5'
